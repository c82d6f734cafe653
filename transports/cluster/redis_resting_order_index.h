#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/engine/resting_order_index.h"
#include "transports/cluster/redis_connection.h"

namespace fafnir {

struct RedisRestingOrderIndexOptions {
  // Starts the name of every Redis key the index uses; indexes with the same prefix on the same
  // server share their orders. Default: "fafnir:resting:".
  std::string prefix = "fafnir:resting:";
  // The most crossed orders one take_crossed round trip claims, so that one script never holds
  // Redis for long; take_crossed repeats until nothing crossed is left. Default: 1000; 0 means 1.
  std::size_t take_batch = 1000;
};

// The RestingOrderIndex of a cluster, in Redis, shared by every node whose index has the same
// prefix. Keys, under the prefix:
//   below:<symbol>, above:<symbol>  sorted sets, one per symbol and direction. Score: the rank,
//                                   -trigger (below) or trigger (above) in micro-units, exact in
//                                   a double up to kMaxTrigger. Member: the add's sequence number
//                                   as 16 lowercase hex digits then the order id (a UUID), so
//                                   that equal triggers sort in the order they were added.
//   sequence                        the counter (INCR) numbering adds.
//   where                           hash from order id to member, direction and symbol, so that
//                                   remove and a moving add find the entry.
//   symbols                         set of the symbols with at least one resting order.
// Every operation is one Lua script, which Redis runs atomically: a crossed order is taken by
// exactly one node. The scripts reach keys named after the data, so the server must be a
// standalone Redis, not a Redis Cluster.
//
// Errors are Internal, naming Redis' message. After a lost connection every call fails; a
// take_crossed whose reply was lost may have taken orders it could not return (the engine's
// rebuild indexes them again). Thread-safe: calls are serialized on the one connection.
class RedisRestingOrderIndex final : public RestingOrderIndex {
 public:
  // Takes `connection`, which nothing else may use. REQUIRES: `connection` is not null.
  explicit RedisRestingOrderIndex(std::unique_ptr<RedisConnection> connection,
                                  RedisRestingOrderIndexOptions options = {});

  Status add(std::string_view symbol, TriggerDirection direction, Price trigger,
             const OrderKey& key) override;
  Result<bool> remove(const OrderKey& key) override;
  Result<std::vector<OrderKey>> take_crossed(std::string_view symbol, Price price) override;
  Result<std::vector<std::string>> symbols() const override;
  Result<std::size_t> size() const override;

 private:
  // Runs the Lua `script` with the prefix as ARGV[1], then `arguments`. REQUIRES: mutex_ is held.
  Result<RedisReply> run(const std::string& script, std::vector<std::string> arguments) const;
  // REQUIRES: mutex_ is held.
  Result<RedisReply> command(std::vector<std::string> words) const;

  std::unique_ptr<RedisConnection> connection_;
  RedisRestingOrderIndexOptions options_;
  mutable std::mutex mutex_;
};

}  // namespace fafnir
