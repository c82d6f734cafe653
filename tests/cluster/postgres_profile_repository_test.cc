#include "transports/cluster/postgres_profile_repository.h"

#include <catch2/catch.hpp>

#include "tests/cluster/cluster_test_database.h"
#include "tests/support/identity_repository_contracts.h"

namespace fafnir {

TEST_CASE("the PostgreSQL profile repository keeps the profile repository contract",
          "[cluster][user]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  PostgresProfileRepository repository(
      migrated_postgres_schema(*servers, PostgresProfileRepository::schema()));
  check_profile_repository_contract(repository);
}

}  // namespace fafnir
