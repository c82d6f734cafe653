#pragma once

#include <memory>
#include <string_view>

#include "core/events/outbox.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// The outbox table every service database carries; include it in the service's first migration.
inline constexpr std::string_view kOutboxTableSql =
    "CREATE TABLE outbox ("
    " position INTEGER PRIMARY KEY AUTOINCREMENT,"
    " event_id TEXT NOT NULL UNIQUE,"
    " subject TEXT NOT NULL,"
    " payload TEXT NOT NULL,"
    " occurred_at INTEGER NOT NULL);";

// REQUIRES: inside db.transaction(), together with the state change that caused `event`.
Status append_to_outbox(SqliteDatabase& db, const Event& event);

// The Outbox port over a service's SQLite file; shares ownership of the database.
class SqliteOutbox final : public Outbox {
 public:
  explicit SqliteOutbox(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  Result<std::vector<Event>> pending(std::size_t limit) override;
  Status remove(const std::vector<std::string>& event_ids) override;

 private:
  std::shared_ptr<SqliteDatabase> db_;
};

}  // namespace fafnir
