#include "transports/cluster/redis_market_revisions.h"

#include <charconv>

namespace fafnir {
namespace {

Result<std::uint64_t> revision_of(const RedisReply& reply, std::string_view key) {
  if (reply.is_nil()) return std::uint64_t{0};
  if (reply.type == RedisReply::Type::kInteger && reply.integer >= 0) {
    return static_cast<std::uint64_t>(reply.integer);
  }
  std::uint64_t revision = 0;
  const std::string& text = reply.text;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), revision);
  if (reply.type != RedisReply::Type::kString || error != std::errc() ||
      end != text.data() + text.size()) {
    return Status::Internal("redis: " + std::string(key) + " holds no revision");
  }
  return revision;
}

}  // namespace

Result<std::uint64_t> RedisMarketRevisions::current() {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(RedisReply reply, connection_->command({"GET", key_}));
  return revision_of(reply, key_);
}

Result<std::uint64_t> RedisMarketRevisions::bump() {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(RedisReply reply, connection_->command({"INCR", key_}));
  return revision_of(reply, key_);
}

}  // namespace fafnir
