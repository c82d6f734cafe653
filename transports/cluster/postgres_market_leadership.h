#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/platform/market_leadership.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// MarketLeadership through a PostgreSQL session-level advisory lock: the node whose session holds
// the lock leads. When the leader exits, crashes or loses its connection, the server releases the
// lock with the session and the next node that asks takes it (failover within one driver tick).
// A node whose connection failed answers the error once, then reconnects on its next call.
// Thread-safe: calls take turns on the node's own connection.
class PostgresMarketLeadership final : public MarketLeadership {
 public:
  // The advisory lock key of the market lead, in every fafnir database.
  static constexpr std::int64_t kMarketLockKey = 0x6661666e69720001;  // "fafnir" 1

  // Connects to `url` (a database shared by the nodes) on first use.
  explicit PostgresMarketLeadership(std::string url) : url_(std::move(url)) {}

  Result<bool> hold_or_take() override;

 private:
  std::mutex mutex_;  // guards what follows
  std::string url_;
  std::unique_ptr<PostgresConnection> connection_;
  bool held_ = false;
};

}  // namespace fafnir
