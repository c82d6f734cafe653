#pragma once

#include <memory>
#include <mutex>
#include <string_view>

#include "core/events/event.h"
#include "core/events/outbox.h"
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

// The Outbox port over the outbox table of one service schema. Events come oldest first by
// position, the order their units inserted them (a unit still open during pending() may commit an
// earlier position afterwards). Several nodes may relay the same schema: each may see an event
// another has not removed yet, which the stream's de-duplication by event id absorbs.
// Thread-safe: calls take turns on one connection.
class PostgresOutbox final : public Outbox {
 public:
  // REQUIRES: `connection` resolves unqualified names to the migrated service schema.
  explicit PostgresOutbox(std::unique_ptr<PostgresConnection> connection)
      : connection_(std::move(connection)) {}

  Result<std::vector<Event>> pending(std::size_t limit) override;
  Status remove(const std::vector<std::string>& event_ids) override;

 private:
  std::mutex mutex_;  // guards connection_
  std::unique_ptr<PostgresConnection> connection_;
};

}  // namespace fafnir
