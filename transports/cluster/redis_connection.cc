#include "transports/cluster/redis_connection.h"

#include <hiredis/hiredis.h>

#include <charconv>

#include "transports/cluster/cluster_options.h"

namespace fafnir {
namespace {

Result<int> parse_number(std::string_view text, std::string_view what, std::string_view url) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0) {
    return Status::InvalidArgument("bad " + std::string(what) + " in Redis URL " + redact_url(url));
  }
  return value;
}

RedisReply copy_reply(const redisReply& reply) {
  RedisReply copy;
  switch (reply.type) {
    case REDIS_REPLY_INTEGER:
      copy.type = RedisReply::Type::kInteger;
      copy.integer = reply.integer;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      copy.type = reply.type == REDIS_REPLY_STRING ? RedisReply::Type::kString
                                                   : RedisReply::Type::kStatus;
      copy.text.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_ARRAY:
      copy.type = RedisReply::Type::kArray;
      for (std::size_t i = 0; i < reply.elements; ++i) {
        copy.elements.push_back(copy_reply(*reply.element[i]));
      }
      break;
    default:
      break;  // nil
  }
  return copy;
}

}  // namespace

Result<RedisAddress> RedisAddress::parse(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    return Status::InvalidArgument("Redis URL must start with redis://: " + redact_url(url));
  }
  std::string_view rest = url.substr(kScheme.size());
  RedisAddress address;
  if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    std::size_t colon = userinfo.find(':');
    address.password = std::string(colon == std::string_view::npos ? "" : userinfo.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  if (std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    std::string_view db = rest.substr(slash + 1);
    if (!db.empty()) {
      FAFNIR_ASSIGN_OR_RETURN(address.db, parse_number(db, "database number", url));
    }
    rest = rest.substr(0, slash);
  }
  if (std::size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    FAFNIR_ASSIGN_OR_RETURN(address.port, parse_number(rest.substr(colon + 1), "port", url));
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) return Status::InvalidArgument("no host in Redis URL " + redact_url(url));
  address.host = std::string(rest);
  return address;
}

Result<std::unique_ptr<RedisConnection>> RedisConnection::connect(std::string_view url,
                                                                  std::chrono::milliseconds timeout) {
  FAFNIR_ASSIGN_OR_RETURN(RedisAddress address, RedisAddress::parse(url));
  timeval limit{static_cast<time_t>(timeout.count() / 1000),
                static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
  redisContext* context = redisConnectWithTimeout(address.host.c_str(), address.port, limit);
  if (context == nullptr) return Status::Internal("redis: out of memory connecting");
  std::unique_ptr<RedisConnection> connection(new RedisConnection(context));
  std::string where = "cannot connect to Redis at " + redact_url(url) + ": ";
  if (context->err != 0) return Status::Internal(where + context->errstr);
  if (redisSetTimeout(context, limit) != REDIS_OK) return Status::Internal(where + context->errstr);
  if (!address.password.empty()) {
    Result<RedisReply> auth = connection->command({"AUTH", address.password});
    if (!auth.ok()) return Status::Internal(where + auth.status().message());
  }
  Result<RedisReply> ready = address.db != 0
                                 ? connection->command({"SELECT", std::to_string(address.db)})
                                 : connection->command({"PING"});
  if (!ready.ok()) return Status::Internal(where + ready.status().message());
  return connection;
}

RedisConnection::~RedisConnection() { redisFree(context_); }

Result<RedisReply> RedisConnection::command(const std::vector<std::string>& words) {
  if (context_->err != 0) return Status::Internal(std::string("redis: ") + context_->errstr);
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const std::string& word : words) {
    argv.push_back(word.data());
    lengths.push_back(word.size());
  }
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  if (reply == nullptr) return Status::Internal(std::string("redis: ") + context_->errstr);
  std::unique_ptr<redisReply, void (*)(void*)> owned(reply, freeReplyObject);
  if (reply->type == REDIS_REPLY_ERROR) {
    return Status::FailedPrecondition("redis: " + std::string(reply->str, reply->len));
  }
  return copy_reply(*reply);
}

}  // namespace fafnir
