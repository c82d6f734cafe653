#include "transports/cluster/redis_connection.h"

#include <thread>

#include <catch2/catch.hpp>

#include "tests/support/cluster_servers.h"

namespace fafnir {
namespace {

std::vector<std::string> texts(const RedisReply& reply) {
  std::vector<std::string> out;
  for (const RedisReply& element : reply.elements) out.push_back(element.text);
  return out;
}

}  // namespace

TEST_CASE("redis URLs name host, port, password and database", "[cluster]") {
  auto full = RedisAddress::parse("redis://:pw@cache.local:6380/3");
  REQUIRE(full.ok());
  CHECK(full->host == "cache.local");
  CHECK(full->port == 6380);
  CHECK(full->password == "pw");
  CHECK(full->db == 3);
  auto plain = RedisAddress::parse("redis://cache");
  REQUIRE(plain.ok());
  CHECK(plain->port == 6379);
  CHECK(plain->db == 0);
  CHECK_FALSE(RedisAddress::parse("http://cache").ok());
  CHECK_FALSE(RedisAddress::parse("redis://cache:port").ok());
  CHECK_FALSE(RedisAddress::parse("redis://:6379").ok());
}

TEST_CASE("resting orders sit in a sorted set ranged by trigger price", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  auto redis = RedisConnection::connect(servers->redis_url());
  REQUIRE(redis.ok());
  RedisConnection& r = **redis;
  const std::string key = "test:resting:AAPL:SELL";
  REQUIRE(r.command({"DEL", key}).ok());
  CHECK(r.command({"ZADD", key, "101500000", "order-b"})->integer == 1);
  CHECK(r.command({"ZADD", key, "100000000", "order-a"})->integer == 1);
  CHECK(r.command({"ZADD", key, "105000000", "order-c"})->integer == 1);

  // A price move up to 102.00 crosses sell limits at or below it, cheapest first.
  auto crossed = r.command({"ZRANGEBYSCORE", key, "-inf", "102000000"});
  REQUIRE(crossed.ok());
  CHECK(crossed->type == RedisReply::Type::kArray);
  CHECK(texts(*crossed) == std::vector<std::string>{"order-a", "order-b"});
  CHECK(r.command({"ZREM", key, "order-a"})->integer == 1);
  CHECK(texts(*r.command({"ZRANGEBYSCORE", key, "-inf", "102000000"})) ==
        std::vector<std::string>{"order-b"});

  SECTION("a command on the wrong type is an error, not a crash") {
    auto wrong = r.command({"GET", key});
    CHECK(wrong.status().code() == ErrorCode::kFailedPrecondition);
    CHECK(wrong.status().message().find("WRONGTYPE") != std::string::npos);
  }
}

TEST_CASE("exactly one node claims a crossed order until the claim expires", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  auto node_a = RedisConnection::connect(servers->redis_url());
  auto node_b = RedisConnection::connect(servers->redis_url());
  REQUIRE(node_a.ok());
  REQUIRE(node_b.ok());
  const std::string claim = "test:claim:order-7";
  REQUIRE((*node_a)->command({"DEL", claim}).ok());

  auto first = (*node_a)->command({"SET", claim, "node-a", "NX", "PX", "200"});
  REQUIRE(first.ok());
  CHECK(first->type == RedisReply::Type::kStatus);
  CHECK(first->text == "OK");
  auto second = (*node_b)->command({"SET", claim, "node-b", "NX", "PX", "200"});
  REQUIRE(second.ok());
  CHECK(second->is_nil());
  CHECK((*node_b)->command({"GET", claim})->text == "node-a");

  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK((*node_b)->command({"SET", claim, "node-b", "NX", "PX", "200"})->text == "OK");
}

TEST_CASE("an unreachable Redis is a clear error", "[cluster]") {
  auto redis = RedisConnection::connect("redis://127.0.0.1:1");
  REQUIRE_FALSE(redis.ok());
  CHECK(redis.status().message().rfind("cannot connect to Redis at redis://127.0.0.1:1", 0) == 0);
}

}  // namespace fafnir
