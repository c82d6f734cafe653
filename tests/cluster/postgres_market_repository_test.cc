#include "transports/cluster/postgres_market_repository.h"

#include <catch2/catch.hpp>

#include "tests/cluster/cluster_test_database.h"
#include "tests/support/market_repository_contract.h"

namespace fafnir {

TEST_CASE("the PostgreSQL market repository keeps the market repository contract",
          "[cluster][stock]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  PostgresMarketRepository repository(
      migrated_postgres_schema(*servers, PostgresMarketRepository::schema()));
  check_market_repository_contract(repository);
}

}  // namespace fafnir
