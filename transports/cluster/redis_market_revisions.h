#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/stock/market_revisions.h"
#include "transports/cluster/redis_connection.h"

namespace fafnir {

// The MarketRevisions of a cluster: one Redis counter, `key`, that every node reads each market
// tick and the node that stores an override or an import increments, so that all nodes reload the
// market's inputs and quote the same prices. Errors are Internal, naming Redis' message.
// Thread-safe: calls are serialized on the one connection.
class RedisMarketRevisions final : public MarketRevisions {
 public:
  static constexpr std::string_view kDefaultKey = "fafnir:market:revision";

  // Takes `connection`, which nothing else may use. REQUIRES: `connection` is not null.
  explicit RedisMarketRevisions(std::unique_ptr<RedisConnection> connection,
                                std::string key = std::string(kDefaultKey))
      : connection_(std::move(connection)), key_(std::move(key)) {}

  Result<std::uint64_t> current() override;
  Result<std::uint64_t> bump() override;

 private:
  std::mutex mutex_;  // serializes use of the connection
  std::unique_ptr<RedisConnection> connection_;
  std::string key_;
};

}  // namespace fafnir
