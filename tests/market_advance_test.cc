#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "tests/support/market_fixture.h"

namespace fafnir {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TEST_CASE("advance calls the listener at every price step and session close", "[market]") {
  MarketFixture market(market_options(6, "2026-01-05T00:00:00Z"));  // Monday
  CountingListener listener;
  REQUIRE(market.market().advance(hours(2), listener).ok());
  CHECK(listener.moves == 120);
  CHECK(listener.closes == 0);
  CHECK(market.clock.now() == at("2026-01-05T02:00:00Z"));

  CountingListener day;
  REQUIRE(market.market().advance(hours(22), day).ok());
  CHECK(day.moves == 22 * 60);  // Tuesday's open, at Monday's close, is a step too
  CHECK(day.closes == 1);

  // Prices move in steps of one minute: half a minute changes nothing.
  CountingListener half;
  REQUIRE(market.market().advance(std::chrono::seconds(30), half).ok());
  CHECK(half.moves == 0);
  CHECK(market.clock.now() == at("2026-01-06T00:00:30Z"));
}

TEST_CASE("weekends are flat but still roll the 24h trading day", "[market]") {
  MarketFixture market(market_options(6, "2026-01-09T12:00:00Z"));  // Friday noon
  CountingListener listener;
  REQUIRE(market.market().advance(hours(61), listener).ok());  // to Monday 01:00
  CHECK(listener.closes == 3);                                 // Saturday, Sunday and Monday 00:00
  CHECK(listener.moves == 12 * 60 + 60);      // Friday afternoon and Monday's first hour
  std::vector<DailyBar> week = market.history("KO", "1W");
  CHECK(week.back().date == "2026-01-12");
  CHECK(week.rbegin()[1].date == "2026-01-09");
}

TEST_CASE("exchange sessions close at 16:00 New York time", "[market]") {
  MarketFixture market(market_options(6, "2026-01-05T00:00:00Z", SessionMode::kExchange));
  MarketClockInfo before = market.market().clock_info();
  CHECK(before.state == MarketState::kClosed);
  CHECK(before.next_open == at("2026-01-05T14:30:00Z"));
  CHECK(before.next_close == at("2026-01-05T21:00:00Z"));
  Price friday_close = market.price("AAPL");
  // Before Monday's open, the latest bar and the quote's day are Friday's.
  CHECK(market.history("AAPL", "1D").front().date == "2026-01-02");
  CHECK(market.quote("AAPL").price == market.history("AAPL", "1D").front().close);

  CountingListener listener;
  Quote in_session;
  listener.on_move = [&] {
    if (listener.moves == 100) in_session = *market.market().quote("AAPL");
  };
  REQUIRE(market.market().advance(hours(24), listener).ok());
  CHECK(listener.moves == 390);  // the 09:30 open (orders waiting for it fill), then 09:31..15:59
  CHECK(listener.closes == 1);
  CHECK(in_session.market_state == MarketState::kRegular);
  CHECK(in_session.open == friday_close);
  CHECK(market.market().market_state() == MarketState::kPost);  // 19:00 New York time
  CHECK(market.quote("AAPL").price == market.history("AAPL", "1D").front().close);
}

TEST_CASE("advance persists the new now and stops at a listener's error", "[market]") {
  MarketFixture market(market_options(6, "2026-01-05T00:00:00Z"));
  CountingListener ignore;
  REQUIRE(market.market().advance(minutes(90), ignore).ok());
  market.reopen();
  CHECK(market.clock.now() == at("2026-01-05T01:30:00Z"));

  CountingListener failing;
  failing.fail_on_move = 3;
  Status status = market.market().advance(hours(5), failing);
  CHECK(status.code() == ErrorCode::kInternal);
  CHECK(failing.moves == 3);
  CHECK(market.clock.now() == at("2026-01-05T01:33:00Z"));
  market.reopen();
  CHECK(market.clock.now() == at("2026-01-05T01:33:00Z"));

  CHECK(market.market().advance(Duration(0), ignore).code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("readers may quote while the market advances", "[market]") {
  MarketFixture market(market_options(6, "2026-01-05T00:00:00Z"));
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&, r] {
      const std::string& symbol = kSampleSymbols[static_cast<std::size_t>(r)];
      while (!done.load()) {
        Result<Quote> q = market.market().quote(symbol);
        if (!q.ok() || q->day_low > q->price || q->day_high < q->price) ++failures;
        if (!market.market().history(symbol, "1W").ok()) ++failures;
      }
    });
  }
  CountingListener listener;
  listener.on_move = [&] {
    if (!market.market().last_price("AAPL").ok()) ++failures;
  };
  Status advanced = market.market().advance(hours(2), listener);
  done = true;
  for (std::thread& reader : readers) reader.join();
  CHECK(advanced.ok());
  CHECK(failures == 0);
  CHECK(listener.moves == 120);
}

TEST_CASE("advance needs a simulated clock", "[market]") {
  MarketFixture market(market_options(6, "2026-01-05T00:00:00Z"));
  ManualClock wall(at("2026-01-05T12:00:00Z"));
  StockService live(*market.process.repository, market.revisions, wall, nullptr, market.options);
  REQUIRE(live.restore().ok());
  CountingListener ignore;
  CHECK(live.advance(hours(1), ignore).code() == ErrorCode::kFailedPrecondition);
  CHECK(wall.now() == at("2026-01-05T12:00:00Z"));
  // Prices follow that clock.
  market.clock.set(at("2026-01-05T12:00:00Z"));
  CHECK(*live.last_price("AAPL") == market.price("AAPL"));
}

TEST_CASE("USD/CAD comes from the simulated market or a fixed rate", "[market]") {
  MarketFixture market(market_options(9, "2026-01-05T00:00:00Z"));
  StockService& service = market.market();
  CHECK(*service.fx_rate(Currency::kUsd, Currency::kUsd) == px("1"));
  CHECK(*service.fx_rate(Currency::kCad, Currency::kCad) == px("1"));
  Price usd_cad = *service.fx_rate(Currency::kUsd, Currency::kCad);
  CHECK(usd_cad == px("1.35"));  // the base rate at the start
  CountingListener ignore;
  REQUIRE(service.advance(hours(30), ignore).ok());
  usd_cad = *service.fx_rate(Currency::kUsd, Currency::kCad);
  CHECK(usd_cad != px("1.35"));
  CHECK(usd_cad > px("1.2"));
  CHECK(usd_cad < px("1.5"));
  CHECK(*service.fx_rate(Currency::kUsd, Currency::kCad) == usd_cad);  // stable at one time
  Price cad_usd = *service.fx_rate(Currency::kCad, Currency::kUsd);
  CHECK(cad_usd.micros() == std::llround(1e12L / usd_cad.micros()));

  MarketOptions fixed = market_options(9, "2026-01-05T00:00:00Z");
  fixed.fixed_usd_cad = px("1.25");
  MarketFixture fixed_market(fixed);
  CHECK(*fixed_market.market().fx_rate(Currency::kUsd, Currency::kCad) == px("1.25"));
  CHECK(*fixed_market.market().fx_rate(Currency::kCad, Currency::kUsd) == px("0.8"));
}

TEST_CASE("the market clock reports state and the next open and close", "[market]") {
  MarketFixture market(market_options(1, "2026-01-05T10:00:00Z"));
  MarketClockInfo info = market.market().clock_info();
  CHECK(info.now == at("2026-01-05T10:00:00Z"));
  CHECK(info.state == MarketState::kRegular);
  CHECK_FALSE(info.next_open.has_value());
  CHECK(info.next_close == at("2026-01-06T00:00:00Z"));

  MarketFixture exchange(market_options(1, "2026-01-05T15:00:00Z", SessionMode::kExchange));
  info = exchange.market().clock_info();
  CHECK(info.state == MarketState::kRegular);
  CHECK(info.next_open == at("2026-01-06T14:30:00Z"));
  CHECK(info.next_close == at("2026-01-05T21:00:00Z"));
}

}  // namespace
}  // namespace fafnir
