#include "storage/auth/sqlite_auth_repository.h"

#include <catch2/catch.hpp>

#include "tests/support/auth_repository_contract.h"
#include "tests/support/temp_dir.h"

namespace fafnir {

TEST_CASE("the SQLite auth repository keeps the auth repository contract", "[auth][sqlite]") {
  TempDir dir;
  auto db = SqliteDatabase::open(dir.path() / "auth.db", SqliteAuthRepository::schema());
  REQUIRE(db.ok());
  SqliteAuthRepository repository(*db);
  check_auth_repository_contract(repository);
}

}  // namespace fafnir
