#include "tests/support/cluster_servers.h"

#include <catch2/catch.hpp>

namespace fafnir {

TEST_CASE("the harness serves PostgreSQL, Redis and NATS on loopback ports", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  CHECK(servers->postgres_url().rfind("postgresql://postgres@127.0.0.1:", 0) == 0);
  CHECK(servers->redis_url().rfind("redis://127.0.0.1:", 0) == 0);
  CHECK(servers->nats_url().rfind("nats://127.0.0.1:", 0) == 0);
  CHECK(ClusterServers::shared() == servers);  // started once per test process
}

}  // namespace fafnir
