// The security, profile and market repository contracts on both implementations.

#include <catch2/catch.hpp>

#include "storage/memory/memory_market_repository.h"
#include "storage/memory/memory_profile_repository.h"
#include "storage/memory/memory_security_repository.h"
#include "storage/security/sqlite_security_repository.h"
#include "storage/stock/sqlite_market_repository.h"
#include "storage/user/sqlite_profile_repository.h"
#include "tests/support/identity_repository_contracts.h"
#include "tests/support/market_repository_contract.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

std::shared_ptr<SqliteDatabase> open_database(const TempDir& dir, const Schema& schema) {
  auto db = SqliteDatabase::open(dir.path() / "service.db", schema);
  INFO(db.status().to_string());
  REQUIRE(db.ok());
  return *db;
}

}  // namespace

TEST_CASE("both security repositories keep the security repository contract", "[security]") {
  SECTION("SQLite") {
    TempDir dir;
    SqliteSecurityRepository repository(open_database(dir, SqliteSecurityRepository::schema()));
    check_security_repository_contract(repository);
  }
  SECTION("memory") {
    MemorySecurityRepository repository;
    check_security_repository_contract(repository);
  }
}

TEST_CASE("both profile repositories keep the profile repository contract", "[user]") {
  SECTION("SQLite") {
    TempDir dir;
    SqliteProfileRepository repository(open_database(dir, SqliteProfileRepository::schema()));
    check_profile_repository_contract(repository);
  }
  SECTION("memory") {
    MemoryProfileRepository repository;
    check_profile_repository_contract(repository);
  }
}

TEST_CASE("both market repositories keep the market repository contract", "[stock]") {
  SECTION("SQLite") {
    TempDir dir;
    SqliteMarketRepository repository(open_database(dir, SqliteMarketRepository::schema()));
    check_market_repository_contract(repository);
  }
  SECTION("memory") {
    MemoryMarketRepository repository;
    check_market_repository_contract(repository);
  }
}

}  // namespace fafnir
