#include "transports/cluster/postgres_outbox.h"

namespace fafnir {

Status append_to_postgres_outbox(PostgresConnection& db, const Event& event) {
  return db.query("INSERT INTO outbox(event_id, subject, payload, occurred_at)"
                  " VALUES ($1, $2, $3, $4)",
                  {event.id, event.subject, event.json(), std::to_string(event.occurred_at.micros)})
      .status();
}

}  // namespace fafnir
