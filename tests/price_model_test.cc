#include "core/stock/price_model.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <set>

#include "core/stock/instrument_universe.h"
#include "core/stock/trading_days.h"
#include "tests/support/market_fixture.h"

namespace fafnir {
namespace {

// Weekdays in [first, last], counted with std::chrono independently of trading_days.h.
int weekdays_between(std::string_view first, std::string_view last) {
  using namespace std::chrono;
  sys_days from{days{*parse_date(first)}};
  sys_days to{days{*parse_date(last)}};
  int count = 0;
  for (sys_days d = from; d <= to; d += days{1}) {
    weekday w{d};
    if (w != Saturday && w != Sunday) ++count;
  }
  return count;
}

void check_same_quote(const Quote& a, const Quote& b) {
  INFO(a.symbol);
  CHECK(a.symbol == b.symbol);
  CHECK(a.price == b.price);
  CHECK(a.open == b.open);
  CHECK(a.previous_close == b.previous_close);
  CHECK(a.change_percent_micros == b.change_percent_micros);
  CHECK(a.volume == b.volume);
  CHECK(a.day_low == b.day_low);
  CHECK(a.day_high == b.day_high);
  CHECK(a.year_low == b.year_low);
  CHECK(a.year_high == b.year_high);
  CHECK(a.as_of == b.as_of);
}

bool same_bars(const std::vector<DailyBar>& a, const std::vector<DailyBar>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].date != b[i].date || a[i].open != b[i].open || a[i].high != b[i].high ||
        a[i].low != b[i].low || a[i].close != b[i].close || a[i].volume != b[i].volume) {
      return false;
    }
  }
  return true;
}

TEST_CASE("same seed and start give identical markets in separate stores", "[market]") {
  MarketFixture first(market_options(42, "2026-01-05T00:00:00Z"));
  MarketFixture second(market_options(42, "2026-01-05T00:00:00Z"));
  CountingListener ignore;
  REQUIRE(first.market().advance(std::chrono::minutes(150), ignore).ok());
  REQUIRE(second.market().advance(std::chrono::minutes(150), ignore).ok());
  for (const Instrument& instrument : instrument_universe()) {
    INFO(instrument.symbol);
    CHECK(first.price(instrument.symbol) == second.price(instrument.symbol));
  }
  for (const std::string& symbol : kSampleSymbols) {
    check_same_quote(first.quote(symbol), second.quote(symbol));
  }
  for (std::string symbol : {"AAPL", "SHOP.TO", "^GSPC"}) {
    CHECK(same_bars(first.history(symbol, "MAX"), second.history(symbol, "MAX")));
  }
  CHECK(*first.market().fx_rate(Currency::kUsd, Currency::kCad) ==
        *second.market().fx_rate(Currency::kUsd, Currency::kCad));

  MarketFixture other_seed(market_options(43, "2026-01-05T00:00:00Z"));
  REQUIRE(other_seed.market().advance(std::chrono::minutes(150), ignore).ok());
  CHECK(other_seed.price("AAPL") != first.price("AAPL"));
  CHECK_FALSE(same_bars(first.history("AAPL", "1Y"), other_seed.history("AAPL", "1Y")));
}

TEST_CASE("the base price is the price at the start", "[market]") {
  MarketFixture market(market_options(7, "2026-01-05T00:00:00Z"));
  for (const Instrument& instrument : instrument_universe()) {
    INFO(instrument.symbol);
    CHECK(market.price(instrument.symbol) == instrument.base_price);
  }
}

TEST_CASE("every price is a positive multiple of the tick", "[market]") {
  MarketFixture market(market_options(3, "2026-01-07T13:45:00Z"));
  for (const Instrument& instrument : instrument_universe()) {
    INFO(instrument.symbol);
    Price price = market.price(instrument.symbol);
    CHECK(price.is_positive());
    CHECK(price.micros() % instrument.tick.micros() == 0);
  }
  for (const std::string& symbol : kSampleSymbols) {
    Quote q = market.quote(symbol);
    INFO(symbol);
    for (Price p :
         {q.price, q.open, q.previous_close, q.day_low, q.day_high, q.year_low, q.year_high}) {
      CHECK(p.is_positive());
      CHECK(p.micros() % 10'000 == 0);
    }
  }
  for (const DailyBar& bar : market.history("TSLA", "MAX")) {
    for (Price p : {bar.open, bar.high, bar.low, bar.close}) {
      CHECK(p.micros() % 10'000 == 0);
      CHECK(p.is_positive());
    }
  }
}

TEST_CASE("history periods count weekdays back from today", "[market]") {
  MarketFixture market(market_options(5, "2026-01-07T15:00:00Z"));  // a Wednesday
  CHECK(market.history("MSFT", "1D").size() == 1);
  CHECK(market.history("MSFT", "1w").size() == 5);
  CHECK(market.history("MSFT", "1M").size() ==
        static_cast<std::size_t>(weekdays_between("2025-12-08", "2026-01-07")));
  CHECK(market.history("MSFT", "").size() == market.history("MSFT", "1M").size());
  CHECK(market.history("MSFT", "1Y").size() ==
        static_cast<std::size_t>(weekdays_between("2025-01-08", "2026-01-07")));
  CHECK(market.history("MSFT", "5Y").size() ==
        static_cast<std::size_t>(weekdays_between("2021-01-08", "2026-01-07")));

  std::vector<DailyBar> all = market.history("MSFT", "max");
  REQUIRE_FALSE(all.empty());
  CHECK(all.front().date <= "2021-01-07");
  CHECK(all.back().date == "2026-01-07");
  std::set<std::string> dates;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const DailyBar& bar = all[i];
    INFO(bar.date);
    CHECK(is_weekday(*parse_date(bar.date)));
    CHECK(bar.high >= std::max(bar.open, bar.close));
    CHECK(bar.low <= std::min(bar.open, bar.close));
    CHECK(bar.volume > 0);
    if (i > 0) {
      CHECK(all[i - 1].date < bar.date);
      CHECK(bar.change == bar.close - all[i - 1].close);
      CHECK(bar.open == all[i - 1].close);  // the open is the previous close
    }
    dates.insert(bar.date);
  }
  CHECK(dates.size() == all.size());

  Result<std::vector<DailyBar>> bad = market.market().history("MSFT", "10Y");
  CHECK(bad.status().code() == ErrorCode::kInvalidArgument);
  CHECK(bad.status().message().find("1D, 1W, 1M, 3M, 6M, 1Y, 2Y, 5Y or MAX") != std::string::npos);
}

TEST_CASE("today's bar is the quote's open, high, low and price", "[market]") {
  MarketFixture market(market_options(11, "2026-01-07T00:00:00Z"));
  CountingListener ignore;
  REQUIRE(market.market().advance(std::chrono::minutes(13 * 60 + 7), ignore).ok());
  for (std::string symbol : {"AAPL", "RY.TO", "SPY", "VFIAX"}) {
    INFO(symbol);
    Quote q = market.quote(symbol);
    DailyBar today = market.history(symbol, "1W").back();
    CHECK(today.date == "2026-01-07");
    CHECK(today.open == q.open);
    CHECK(today.high == q.day_high);
    CHECK(today.low == q.day_low);
    CHECK(today.close == q.price);
    CHECK(today.volume == q.volume);
    CHECK(q.previous_close == market.history(symbol, "1W").rbegin()[1].close);
  }
}

TEST_CASE("intraday prices trace the day's bar exactly", "[market]") {
  MarketFixture market(market_options(19, "2026-01-05T00:00:00Z"));
  std::vector<Price> seen{market.price("NVDA")};
  CountingListener listener;
  listener.on_move = [&] { seen.push_back(*market.market().last_price("NVDA")); };
  REQUIRE(market.market().advance(std::chrono::hours(24), listener).ok());
  CHECK(listener.moves == 1440);  // Tuesday's open, at Monday's close, is a step too
  DailyBar monday = market.history("NVDA", "1W").rbegin()[1];
  REQUIRE(monday.date == "2026-01-05");
  CHECK(monday.open == seen.front());
  CHECK(monday.close == seen.back());
  CHECK(monday.high == *std::max_element(seen.begin(), seen.end()));
  CHECK(monday.low == *std::min_element(seen.begin(), seen.end()));
}

TEST_CASE("the model's intraday path agrees with its daily summary", "[market]") {
  const Instrument& nvda = instrument_universe()[4];
  REQUIRE(nvda.symbol == "NVDA");
  PriceModel model(nvda, 99, 390, 14'000);
  for (std::int64_t day = 13'990; day < 14'010; ++day) {
    DaySummary summary = model.day(day);
    const IntradayPath& path = model.path(day);
    REQUIRE(path.price.size() == 390);
    CHECK(path.price.front() == model.day(day - 1).close.micros());
    CHECK(path.price.front() == summary.open.micros());
    CHECK(path.price.back() == summary.close.micros());
    CHECK(path.high.back() == summary.high.micros());
    CHECK(path.low.back() == summary.low.micros());
    CHECK(path.volume_through(389) == summary.volume);
  }
  CHECK(model.day(13'999).close == nvda.base_price);
  PriceModel again(nvda, 99, 390, 14'000);
  CHECK(again.day(13'995).close == model.day(13'995).close);
  CHECK(again.path(14'003).price == model.path(14'003).price);
}

}  // namespace
}  // namespace fafnir
