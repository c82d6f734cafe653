#pragma once

#include <string_view>

#include "core/events/event.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// The outbox table every service schema carries; include it in the service's first migration.
inline constexpr std::string_view kPostgresOutboxTableSql =
    "CREATE TABLE outbox ("
    " position BIGSERIAL PRIMARY KEY,"
    " event_id TEXT NOT NULL UNIQUE,"
    " subject TEXT NOT NULL,"
    " payload TEXT NOT NULL,"
    " occurred_at BIGINT NOT NULL);";

// REQUIRES: inside db.transaction(), together with the state change that caused `event`.
Status append_to_postgres_outbox(PostgresConnection& db, const Event& event);

}  // namespace fafnir
