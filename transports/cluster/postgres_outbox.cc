#include "transports/cluster/postgres_outbox.h"

#include "transports/cluster/postgres_columns.h"

namespace fafnir {

Status append_to_postgres_outbox(PostgresConnection& db, const Event& event) {
  return db.query("INSERT INTO outbox(event_id, subject, payload, occurred_at)"
                  " VALUES ($1, $2, $3, $4)",
                  {event.id, event.subject, event.json(), std::to_string(event.occurred_at.micros)})
      .status();
}

Result<std::vector<Event>> PostgresOutbox::pending(std::size_t limit) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      connection_->query("SELECT event_id, subject, payload, occurred_at FROM outbox"
                         " ORDER BY position LIMIT $1",
                         {postgres_int64(static_cast<std::int64_t>(limit))}));
  std::vector<Event> events;
  events.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t occurred_at, rows.int64(row, 3));
    events.push_back(
        Event{rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), Timestamp{occurred_at}});
  }
  return events;
}

Status PostgresOutbox::remove(const std::vector<std::string>& event_ids) {
  std::lock_guard lock(mutex_);
  return connection_->transaction([&](PostgresConnection& db) -> Status {
    for (const std::string& id : event_ids) {
      FAFNIR_RETURN_IF_ERROR(db.query("DELETE FROM outbox WHERE event_id = $1", {id}).status());
    }
    return Status::Ok();
  });
}

}  // namespace fafnir
