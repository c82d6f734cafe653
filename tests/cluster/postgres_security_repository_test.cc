#include "transports/cluster/postgres_security_repository.h"

#include <catch2/catch.hpp>

#include "tests/cluster/cluster_test_database.h"
#include "tests/support/identity_repository_contracts.h"

namespace fafnir {

TEST_CASE("the PostgreSQL security repository keeps the security repository contract",
          "[cluster][security]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  PostgresSecurityRepository repository(
      migrated_postgres_schema(*servers, PostgresSecurityRepository::schema()));
  check_security_repository_contract(repository);
}

}  // namespace fafnir
