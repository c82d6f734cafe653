#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"

struct redisContext;

namespace fafnir {

// Where a redis:// URL points: redis://[:password@]host[:port][/db].
struct RedisAddress {
  std::string host;
  int port = 6379;
  std::string password;  // empty: no AUTH
  int db = 0;

  // InvalidArgument naming what is wrong with `url`.
  static Result<RedisAddress> parse(std::string_view url);
};

// One reply, copied out of hiredis. Error replies never appear here: they become a Status.
struct RedisReply {
  enum class Type { kNil, kInteger, kString, kStatus, kArray };
  Type type = Type::kNil;
  std::int64_t integer = 0;           // kInteger
  std::string text;                   // kString, kStatus ("OK")
  std::vector<RedisReply> elements;  // kArray

  bool is_nil() const { return type == Type::kNil; }
};

// One hiredis connection running commands synchronously. Not thread-safe: a connection serves
// one caller at a time.
class RedisConnection {
 public:
  // Connects (AUTH and SELECT as the URL says) within `timeout`. Internal naming the
  // (password-redacted) URL when the server is unreachable or refuses.
  static Result<std::unique_ptr<RedisConnection>> connect(
      std::string_view url, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Runs one command given as its words, e.g. {"ZADD", key, "101.5", member}; binary-safe, no
  // quoting. An error reply is FailedPrecondition with Redis' message (e.g. WRONGTYPE); a lost
  // connection is Internal and leaves the connection unusable.
  Result<RedisReply> command(const std::vector<std::string>& words);

 private:
  explicit RedisConnection(redisContext* context) : context_(context) {}

  redisContext* context_;
};

}  // namespace fafnir
