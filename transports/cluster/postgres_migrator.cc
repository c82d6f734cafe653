#include "transports/cluster/postgres_migrator.h"

#include <string>

namespace fafnir {

Status migrate_postgres_schema(PostgresConnection& connection, const Schema& schema) {
  std::string name = PostgresConnection::quote_identifier(schema.name);
  return connection.transaction([&](PostgresConnection& db) -> Status {
    FAFNIR_RETURN_IF_ERROR(db.query("SELECT pg_advisory_xact_lock(hashtext($1))",
                                    {"fafnir.migrate." + std::string(schema.name)})
                               .status());
    FAFNIR_RETURN_IF_ERROR(db.execute("CREATE SCHEMA IF NOT EXISTS " + name +
                                      "; SET LOCAL search_path TO " + name +
                                      "; CREATE TABLE IF NOT EXISTS schema_migrations ("
                                      " version INTEGER PRIMARY KEY,"
                                      " description TEXT NOT NULL,"
                                      " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"));
    FAFNIR_ASSIGN_OR_RETURN(PostgresResult current,
                            db.query("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t version, current.int64(0, 0));
    int known = schema.migrations.empty() ? 0 : schema.migrations.back().version;
    if (version > known) {
      return Status::FailedPrecondition("the " + std::string(schema.name) +
                                        " schema is at version " + std::to_string(version) +
                                        ", newer than this build knows (" +
                                        std::to_string(known) + ")");
    }
    for (const Migration& migration : schema.migrations) {
      if (migration.version <= version) continue;
      FAFNIR_RETURN_IF_ERROR(db.execute(migration.sql).with_context(
          std::string(schema.name) + " migration " + std::to_string(migration.version)));
      FAFNIR_RETURN_IF_ERROR(db.query("INSERT INTO schema_migrations(version, description)"
                                      " VALUES ($1, $2)",
                                      {std::to_string(migration.version),
                                       std::string(migration.description)})
                                 .status());
    }
    return Status::Ok();
  });
}

}  // namespace fafnir
