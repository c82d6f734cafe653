#include "transports/cluster/postgres_market_leadership.h"

#include "transports/cluster/postgres_columns.h"

namespace fafnir {

Result<bool> PostgresMarketLeadership::hold_or_take() {
  std::lock_guard lock(mutex_);
  if (!connection_) {
    held_ = false;
    FAFNIR_ASSIGN_OR_RETURN(connection_, PostgresConnection::connect(url_));
  }
  // A session lock lasts as long as the session: while the connection answers, a held lead is
  // still ours.
  Result<PostgresResult> answer =
      held_ ? connection_->query("SELECT true")
            : connection_->query("SELECT pg_try_advisory_lock($1)",
                                 {postgres_int64(kMarketLockKey)});
  if (!answer.ok()) {
    connection_.reset();
    held_ = false;
    return answer.status();
  }
  held_ = answer->text(0, 0) == "t";
  return held_;
}

}  // namespace fafnir
