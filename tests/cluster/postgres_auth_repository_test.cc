#include "transports/cluster/postgres_auth_repository.h"

#include <catch2/catch.hpp>

#include "tests/cluster/cluster_test_database.h"
#include "tests/support/auth_repository_contract.h"
#include "transports/cluster/postgres_migrator.h"

namespace fafnir {

TEST_CASE("the PostgreSQL auth repository keeps the auth repository contract", "[cluster][auth]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::string url = fresh_postgres_database(*servers);
  auto admin = PostgresConnection::connect(url);
  REQUIRE(admin.ok());
  REQUIRE(migrate_postgres_schema(**admin, PostgresAuthRepository::schema()).ok());
  auto connection = PostgresConnection::connect(url, "auth");
  REQUIRE(connection.ok());
  PostgresAuthRepository repository(std::move(connection).value());
  check_auth_repository_contract(repository);

  SECTION("each registration and deletion left its event in the outbox") {
    auto events = (*admin)->query("SELECT event_id, subject FROM auth.outbox ORDER BY position");
    REQUIRE(events.ok());
    REQUIRE(events->rows() == 2);
    CHECK(events->text(0, 0) == "e-1");
    CHECK(events->text(1, 1) == "users.deleted");
  }
}

}  // namespace fafnir
