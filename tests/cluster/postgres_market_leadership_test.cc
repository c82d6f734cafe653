#include "transports/cluster/postgres_market_leadership.h"

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/cluster/cluster_test_database.h"

namespace fafnir {
namespace {

bool leads(PostgresMarketLeadership& node) {
  Result<bool> held = node.hold_or_take();
  return held.ok() && *held;
}

// Asks `node` until it leads, for at most two seconds (the server ends a closed session
// asynchronously).
bool takes_within_two_seconds(PostgresMarketLeadership& node) {
  for (int attempt = 0; attempt < 40; ++attempt) {
    if (leads(node)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace

TEST_CASE("one node leads the market at a time, and another takes over when it goes",
          "[cluster][leadership]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::string url = fresh_postgres_database(*servers);

  auto a = std::make_unique<PostgresMarketLeadership>(url);
  PostgresMarketLeadership b(url);
  CHECK(leads(*a));
  CHECK_FALSE(leads(b));
  CHECK(leads(*a));  // holding is stable
  CHECK_FALSE(leads(b));

  a.reset();  // the leader exits
  CHECK(takes_within_two_seconds(b));
  PostgresMarketLeadership c(url);
  CHECK_FALSE(leads(c));
  CHECK(leads(b));
}

TEST_CASE("a leader whose connection is killed loses the lead to the next node that asks",
          "[cluster][leadership]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::string url = fresh_postgres_database(*servers);

  PostgresMarketLeadership a(url);
  PostgresMarketLeadership b(url);
  REQUIRE(leads(a));
  REQUIRE_FALSE(leads(b));

  auto admin = PostgresConnection::connect(url);
  REQUIRE(admin.ok());
  auto killed = (*admin)->query(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
      " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
  REQUIRE(killed.ok());
  REQUIRE(killed->rows() == 1);

  CHECK(takes_within_two_seconds(b));
  CHECK_FALSE(leads(a));  // told once that its session died, then it reconnects and finds b
  CHECK_FALSE(leads(a));
  CHECK(leads(b));
}

}  // namespace fafnir
