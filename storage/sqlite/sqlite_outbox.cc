#include "storage/sqlite/sqlite_outbox.h"

namespace fafnir {

Status append_to_outbox(SqliteDatabase& db, const Event& event) {
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement insert,
      db.prepare("INSERT INTO outbox(event_id, subject, payload, occurred_at) VALUES (?, ?, ?, ?)"));
  return insert.bind(1, event.id)
      .bind(2, event.subject)
      .bind(3, event.json())
      .bind(4, event.occurred_at.micros)
      .run();
}

Result<std::vector<Event>> SqliteOutbox::pending(std::size_t limit) {
  std::vector<Event> events;
  std::lock_guard lock(mutex_);
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT event_id, subject, payload, occurred_at, position FROM outbox"
                   " ORDER BY position LIMIT ?"));
    return query.bind(1, static_cast<std::int64_t>(limit)).for_each_row([&](const auto& row) {
      events.push_back(Event{row.column_text(0), row.column_text(1), row.column_text(2),
                             Timestamp{row.column_int64(3)}});
      positions_[events.back().id] = row.column_int64(4);
    });
  });
  if (!status.ok()) return status;
  return events;
}

Status SqliteOutbox::remove(const std::vector<std::string>& event_ids) {
  std::lock_guard lock(mutex_);
  Status status = db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement by_position,
                            db.prepare("DELETE FROM outbox WHERE position = ? AND event_id = ?"));
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement by_id,
                            db.prepare("DELETE FROM outbox WHERE event_id = ?"));
    for (const std::string& id : event_ids) {
      auto seen = positions_.find(id);
      SqliteStatement& erase = seen != positions_.end() ? by_position : by_id;
      if (seen != positions_.end()) {
        erase.bind(1, seen->second).bind(2, id);
      } else {
        erase.bind(1, id);
      }
      FAFNIR_RETURN_IF_ERROR(erase.run());
      erase.reset();
    }
    return Status::Ok();
  });
  if (status.ok()) {
    for (const std::string& id : event_ids) positions_.erase(id);
  }
  return status;
}

}  // namespace fafnir
