// The portfolio store contract on both implementations.

#include <catch2/catch.hpp>

#include "storage/memory/memory_portfolio_store.h"
#include "storage/portfolio/sqlite_portfolio_store.h"
#include "tests/support/portfolio_store_contract.h"
#include "tests/support/temp_dir.h"

namespace fafnir {

TEST_CASE("the SQLite portfolio store keeps the portfolio store contract", "[portfolio][sqlite]") {
  TempDir dir;
  auto db = SqliteDatabase::open(dir.path() / "portfolio.db", SqlitePortfolioStore::schema());
  REQUIRE(db.ok());
  SqlitePortfolioStore store(*db);
  check_portfolio_store_contract(store);
}

TEST_CASE("the memory portfolio store keeps the portfolio store contract", "[portfolio][memory]") {
  MemoryPortfolioStore store;
  check_portfolio_store_contract(store);
}

}  // namespace fafnir
