#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <string_view>

#include "core/events/outbox.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// The outbox table every service database carries; include it in the service's first migration.
inline constexpr std::string_view kOutboxTableSql =
    "CREATE TABLE outbox ("
    " position INTEGER PRIMARY KEY,"
    " event_id TEXT NOT NULL,"
    " subject TEXT NOT NULL,"
    " payload TEXT NOT NULL,"
    " occurred_at INTEGER NOT NULL);";

// REQUIRES: inside db.transaction(), together with the state change that caused `event`.
Status append_to_outbox(SqliteDatabase& db, const Event& event);

// The Outbox port over a service's SQLite file; shares ownership of the database. The table has
// no index on event ids (each would cost a random page write per event): remove() finds rows by
// the positions pending() saw, scanning the (small) table only for ids it did not see.
class SqliteOutbox final : public Outbox {
 public:
  explicit SqliteOutbox(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  Result<std::vector<Event>> pending(std::size_t limit) override;
  Status remove(const std::vector<std::string>& event_ids) override;

 private:
  std::shared_ptr<SqliteDatabase> db_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::int64_t> positions_;  // of events pending() returned
};

}  // namespace fafnir
