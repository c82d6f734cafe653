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

TEST_CASE("the SQLite auth repository is its store's sole writer only when opened exclusively",
          "[auth][sqlite]") {
  TempDir shared_dir;
  auto shared = SqliteDatabase::open(shared_dir.path() / "auth.db", SqliteAuthRepository::schema());
  REQUIRE(shared.ok());
  CHECK_FALSE(SqliteAuthRepository(*shared).is_sole_writer());

  TempDir exclusive_dir;
  SqliteOptions options;
  options.exclusive = true;
  auto exclusive = SqliteDatabase::open(exclusive_dir.path() / "auth.db",
                                        SqliteAuthRepository::schema(), options);
  REQUIRE(exclusive.ok());
  CHECK(SqliteAuthRepository(*exclusive).is_sole_writer());
}

}  // namespace fafnir
