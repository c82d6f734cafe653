#include "transports/cluster/redis_resting_order_index.h"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <latch>
#include <set>
#include <thread>

#include "tests/support/cluster_servers.h"
#include "tests/support/resting_order_index_contract.h"

namespace fafnir {
namespace {

using namespace index_test;
using Keys = std::vector<OrderKey>;

// A prefix no other index of this Redis server has used, so each test starts empty.
std::string fresh_prefix() {
  static std::atomic<int> counter{0};
  return "test:" + std::to_string(::getpid()) + ":" + std::to_string(++counter) + ":resting:";
}

std::unique_ptr<RedisConnection> connect(const ClusterServers& servers) {
  auto connection = RedisConnection::connect(servers.redis_url());
  INFO(connection.status().to_string());
  REQUIRE(connection.ok());
  return std::move(*connection);
}

// One node's index over its own connection.
std::unique_ptr<RedisRestingOrderIndex> node(const ClusterServers& servers, std::string prefix,
                                             std::size_t take_batch = 1000) {
  RedisRestingOrderIndexOptions options{std::move(prefix), take_batch};
  return std::make_unique<RedisRestingOrderIndex>(connect(servers), std::move(options));
}

}  // namespace

TEST_CASE("the Redis index keeps the resting-order index contract", "[cluster][index]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  check_resting_order_index_contract([&] { return node(*servers, fresh_prefix()); });
}

TEST_CASE("the Redis index keeps the contract when it claims crossed orders a few at a time",
          "[cluster][index]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  check_resting_order_index_contract([&] { return node(*servers, fresh_prefix(), 3); });
}

TEST_CASE("nodes sharing a prefix share their resting orders", "[cluster][index]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::string prefix = fresh_prefix();
  auto node_a = node(*servers, prefix);
  auto node_b = node(*servers, prefix);

  SECTION("an order one node rests is woken by the other, once") {
    add(*node_a, "AAPL", kBelow, at(9500), key(1));
    add(*node_b, "AAPL", kBelow, at(9500), key(2));
    CHECK(size(*node_b) == 2);
    CHECK(symbols(*node_b) == std::vector<std::string>{"AAPL"});
    CHECK(take_crossed(*node_b, "AAPL", at(9400)) == Keys{key(1), key(2)});
    CHECK(take_crossed(*node_a, "AAPL", at(9400)).empty());
    CHECK(size(*node_a) == 0);
    CHECK(symbols(*node_a).empty());
  }

  SECTION("an order one node rests is removed or moved by the other") {
    add(*node_a, "AAPL", kBelow, at(9500), key(1));
    add(*node_a, "AAPL", kAbove, at(10500), key(2));
    CHECK(remove(*node_b, key(1)));
    CHECK_FALSE(remove(*node_a, key(1)));

    add(*node_b, "MSFT", kBelow, at(30000), key(2));  // moves node A's entry
    CHECK(size(*node_a) == 1);
    CHECK(symbols(*node_a) == std::vector<std::string>{"MSFT"});
    CHECK(take_crossed(*node_a, "AAPL", at(11000)).empty());
    CHECK(take_crossed(*node_a, "MSFT", at(30000)) == Keys{key(2)});
  }

  SECTION("a node that rests an order again after a restart does not duplicate it") {
    add(*node_a, "AAPL", kBelow, at(9500), key(1));
    add(*node_a, "AAPL", kBelow, at(9600), key(2));
    auto restarted_a = node(*servers, prefix);
    add(*restarted_a, "AAPL", kBelow, at(9500), key(1));
    CHECK(size(*node_b) == 2);
    CHECK(take_crossed(*node_b, "AAPL", at(9000)) == Keys{key(2), key(1)});
  }

  SECTION("another prefix is another index") {
    auto elsewhere = node(*servers, fresh_prefix());
    add(*node_a, "AAPL", kBelow, at(9500), key(1));
    CHECK(size(*elsewhere) == 0);
    CHECK(symbols(*elsewhere).empty());
    CHECK(take_crossed(*elsewhere, "AAPL", at(9000)).empty());
    CHECK_FALSE(remove(*elsewhere, key(1)));
    CHECK(size(*node_b) == 1);
  }
}

TEST_CASE("nodes taking crossed orders at once each claim a distinct share, all of them",
          "[cluster][index]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::string prefix = fresh_prefix();
  constexpr int kOrders = 2000;
  constexpr int kRounds = 50;
  // Small claims, so that the two nodes' scripts interleave.
  auto node_a = node(*servers, prefix, 8);
  auto node_b = node(*servers, prefix, 8);
  for (int i = 0; i < kOrders; ++i) {
    add(i % 2 == 0 ? *node_a : *node_b, "AAPL", i % 3 == 0 ? kAbove : kBelow, at(10000), key(i));
  }
  REQUIRE(size(*node_a) == kOrders);

  // Each node keeps taking while a price of 100.00 crosses every order, as on repeated ticks.
  std::latch start(2);
  auto take_all = [&start](RestingOrderIndex& index, Keys& claimed, Status& failure) {
    start.arrive_and_wait();
    for (int round = 0; round < kRounds; ++round) {
      Result<Keys> taken = index.take_crossed("AAPL", at(10000));
      if (!taken.ok()) {
        failure = taken.status();
        return;
      }
      claimed.insert(claimed.end(), taken->begin(), taken->end());
      std::this_thread::yield();
    }
  };
  Keys claimed_a, claimed_b;
  Status failure_a, failure_b;
  std::thread thread_a(take_all, std::ref(*node_a), std::ref(claimed_a), std::ref(failure_a));
  std::thread thread_b(take_all, std::ref(*node_b), std::ref(claimed_b), std::ref(failure_b));
  thread_a.join();
  thread_b.join();
  INFO(failure_a.to_string() + " / " + failure_b.to_string());
  REQUIRE(failure_a.ok());
  REQUIRE(failure_b.ok());

  std::set<std::string> distinct;
  for (const Keys* claimed : {&claimed_a, &claimed_b}) {
    for (const OrderKey& key : *claimed) distinct.insert(key.to_uuid());
  }
  CHECK(claimed_a.size() + claimed_b.size() == kOrders);
  CHECK(distinct.size() == kOrders);
  CHECK(size(*node_a) == 0);
  CHECK(symbols(*node_b).empty());
}

TEST_CASE("a Redis index whose keys are clobbered reports an internal error", "[cluster][index]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::string prefix = fresh_prefix();
  auto index = node(*servers, prefix);
  auto raw = connect(*servers);
  REQUIRE(raw->command({"SET", prefix + "where", "not a hash"}).ok());

  Status added = index->add("AAPL", kBelow, at(9500), key(1));
  CHECK(added.code() == ErrorCode::kInternal);
  CHECK(added.message().find("WRONGTYPE") != std::string::npos);
  CHECK(index->size().status().code() == ErrorCode::kInternal);
  CHECK(index->remove(key(1)).status().code() == ErrorCode::kInternal);
}

}  // namespace fafnir
