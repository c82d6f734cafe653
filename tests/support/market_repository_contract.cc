#include "tests/support/market_repository_contract.h"

#include <catch2/catch.hpp>

namespace fafnir {
namespace {

ImportedBar bar_on(std::string date, std::int64_t close_micros) {
  Price close = Price::from_micros(close_micros);
  return ImportedBar{std::move(date), close, close, close, close, 1'000};
}

}  // namespace

void check_market_repository_contract(MarketRepository& repository) {
  CHECK_FALSE(repository.load_now()->has_value());
  REQUIRE(repository.save_now(Timestamp{5'000}).ok());
  REQUIRE(repository.save_now(Timestamp{6'000}).ok());
  CHECK(repository.load_now()->value() == Timestamp{6'000});

  Price ten = Price::from_micros(10'000'000);
  REQUIRE(repository.add_override({"MSFT", Timestamp{20}, ten}).ok());
  REQUIRE(repository.add_override({"AAPL", Timestamp{10}, ten}).ok());
  REQUIRE(repository.add_override({"KO", Timestamp{20}, ten}).ok());
  CHECK(repository.add_override({"KO", Timestamp{30}, Price()}).code() ==
        ErrorCode::kAlreadyExists);
  Result<std::vector<PriceOverride>> overrides = repository.overrides();
  REQUIRE(overrides.ok());
  REQUIRE(overrides->size() == 3);
  CHECK((*overrides)[0].symbol == "AAPL");
  CHECK((*overrides)[1].symbol == "MSFT");  // same time as KO, added first
  CHECK((*overrides)[2].symbol == "KO");
  CHECK((*overrides)[2].price == ten);

  REQUIRE(repository.put_bars("ACME", {bar_on("2026-01-06", 2), bar_on("2026-01-05", 1)}).ok());
  REQUIRE(repository.put_bars("ACME", {bar_on("2026-01-06", 3)}).ok());
  REQUIRE(repository.put_bars("ZED", {}).ok());
  Result<std::map<std::string, std::vector<ImportedBar>>> bars = repository.imported_bars();
  REQUIRE(bars.ok());
  REQUIRE(bars->size() == 1);
  const std::vector<ImportedBar>& acme = bars->at("ACME");
  REQUIRE(acme.size() == 2);
  CHECK(acme[0].date == "2026-01-05");
  CHECK(acme[1].date == "2026-01-06");
  CHECK(acme[1].close == Price::from_micros(3));
  CHECK(acme[1].volume == 1'000);
}

}  // namespace fafnir
