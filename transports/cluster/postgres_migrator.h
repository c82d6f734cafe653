#pragma once

#include "storage/sqlite/migration.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// Brings the PostgreSQL schema named `schema.name` (one per service) up to the last of
// `schema.migrations`: creates the schema if needed and applies, in one transaction, every
// migration not yet recorded in its schema_migrations table, with unqualified names resolving to
// the service schema. Nodes starting together are serialized by an advisory lock, so each
// migration runs once. FailedPrecondition when the database is newer than `schema` knows.
// (Schema and Migration are technology-neutral; they live beside the SQLite migrations.)
Status migrate_postgres_schema(PostgresConnection& connection, const Schema& schema);

}  // namespace fafnir
