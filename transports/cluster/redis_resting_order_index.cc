#include "transports/cluster/redis_resting_order_index.h"

#include <algorithm>

namespace fafnir {
namespace {

// Shared by every script. A `where` entry is the member (16 + 36 characters), the direction
// ("below" or "above", 5 characters) and the symbol.
constexpr std::string_view kPreamble = R"lua(
local prefix = ARGV[1]
local where = prefix .. 'where'
local symbols = prefix .. 'symbols'
local function book(direction, symbol)
  return prefix .. direction .. ':' .. symbol
end
local function forget_symbol_if_empty(symbol)
  if redis.call('EXISTS', book('below', symbol), book('above', symbol)) == 0 then
    redis.call('SREM', symbols, symbol)
  end
end
local function drop(key)
  local entry = redis.call('HGET', where, key)
  if not entry then return 0 end
  local symbol = string.sub(entry, 58)
  redis.call('ZREM', book(string.sub(entry, 53, 57), symbol), string.sub(entry, 1, 52))
  redis.call('HDEL', where, key)
  forget_symbol_if_empty(symbol)
  return 1
end
)lua";

// ARGV: prefix, order id, direction, score, symbol.
constexpr std::string_view kAdd = R"lua(
local key, direction, score, symbol = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
drop(key)
local member = string.format('%016x', redis.call('INCR', prefix .. 'sequence')) .. key
redis.call('ZADD', book(direction, symbol), score, member)
redis.call('HSET', where, key, member .. direction .. symbol)
redis.call('SADD', symbols, symbol)
return 1
)lua";

// ARGV: prefix, order id. Returns 1 when the order was there.
constexpr std::string_view kRemove = R"lua(
return drop(ARGV[2])
)lua";

// ARGV: prefix, symbol, highest crossed score below, highest crossed score above, limit.
// Returns the order ids taken, below first, each side in score then sequence order.
constexpr std::string_view kTake = R"lua(
local symbol, limit = ARGV[2], tonumber(ARGV[5])
local taken = {}
local function take(direction, highest)
  local wanted = limit - #taken
  if wanted <= 0 then return end
  local set = book(direction, symbol)
  local members = redis.call('ZRANGEBYSCORE', set, '-inf', highest, 'LIMIT', 0, wanted)
  if #members == 0 then return end
  redis.call('ZREMRANGEBYRANK', set, 0, #members - 1)
  for _, member in ipairs(members) do
    local key = string.sub(member, 17)
    redis.call('HDEL', where, key)
    taken[#taken + 1] = key
  end
end
take('below', ARGV[3])
take('above', ARGV[4])
if #taken > 0 then forget_symbol_if_empty(symbol) end
return taken
)lua";

struct Scripts {
  static std::string with_preamble(std::string_view body) {
    return std::string(kPreamble) + std::string(body);
  }
  std::string add = with_preamble(kAdd);
  std::string remove = with_preamble(kRemove);
  std::string take = with_preamble(kTake);
};

const Scripts& scripts() {
  static const Scripts built;
  return built;
}

Status store_error(const Status& status) {
  return Status::Internal("resting-order index in Redis: " + status.message());
}

}  // namespace

RedisRestingOrderIndex::RedisRestingOrderIndex(std::unique_ptr<RedisConnection> connection,
                                               RedisRestingOrderIndexOptions options)
    : connection_(std::move(connection)), options_(std::move(options)) {
  options_.take_batch = std::max<std::size_t>(options_.take_batch, 1);
}

Result<RedisReply> RedisRestingOrderIndex::command(std::vector<std::string> words) const {
  Result<RedisReply> reply = connection_->command(words);
  if (!reply.ok()) return store_error(reply.status());
  return reply;
}

Result<RedisReply> RedisRestingOrderIndex::run(const std::string& script,
                                               std::vector<std::string> arguments) const {
  std::vector<std::string> words{"EVAL", script, "0", options_.prefix};
  for (std::string& argument : arguments) words.push_back(std::move(argument));
  return command(std::move(words));
}

Status RedisRestingOrderIndex::add(std::string_view symbol, TriggerDirection direction,
                                   Price trigger, const OrderKey& key) {
  FAFNIR_RETURN_IF_ERROR(check_trigger(trigger));
  bool below = direction == TriggerDirection::kAtOrBelow;
  std::int64_t rank = below ? -trigger.micros() : trigger.micros();
  std::lock_guard lock(mutex_);
  return run(scripts().add,
             {key.to_uuid(), below ? "below" : "above", std::to_string(rank), std::string(symbol)})
      .status();
}

Result<bool> RedisRestingOrderIndex::remove(const OrderKey& key) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(RedisReply removed, run(scripts().remove, {key.to_uuid()}));
  return removed.integer == 1;
}

Result<std::vector<OrderKey>> RedisRestingOrderIndex::take_crossed(std::string_view symbol,
                                                                   Price price) {
  std::int64_t now = comparable_micros(price);
  std::vector<OrderKey> crossed;
  std::lock_guard lock(mutex_);
  for (;;) {
    Result<RedisReply> batch =
        run(scripts().take, {std::string(symbol), std::to_string(-now), std::to_string(now),
                             std::to_string(options_.take_batch)});
    if (!batch.ok()) {
      if (crossed.empty()) return batch.status();
      return crossed;
    }
    const RedisReply& taken = *batch;
    for (const RedisReply& id : taken.elements) {
      std::optional<OrderKey> key = OrderKey::from_uuid(id.text);
      if (!key) return Status::Internal("resting-order index in Redis holds a bad id: " + id.text);
      crossed.push_back(*key);
    }
    if (taken.elements.size() < options_.take_batch) return crossed;
  }
}

Result<std::vector<std::string>> RedisRestingOrderIndex::symbols() const {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(RedisReply members, command({"SMEMBERS", options_.prefix + "symbols"}));
  std::vector<std::string> symbols;
  for (RedisReply& member : members.elements) symbols.push_back(std::move(member.text));
  std::sort(symbols.begin(), symbols.end());
  return symbols;
}

Result<std::size_t> RedisRestingOrderIndex::size() const {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(RedisReply count, command({"HLEN", options_.prefix + "where"}));
  return static_cast<std::size_t>(count.integer);
}

}  // namespace fafnir
