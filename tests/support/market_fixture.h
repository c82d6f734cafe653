#pragma once

#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/common/clock.h"
#include "core/stock/stock_service.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage/stock/sqlite_market_repository.h"
#include "tests/support/temp_dir.h"

namespace fafnir {

inline Timestamp at(std::string_view rfc3339) {
  Result<Timestamp> parsed = parse_rfc3339(rfc3339);
  REQUIRE(parsed.ok());
  return *parsed;
}

inline Price px(std::string_view text) {
  Result<Price> parsed = Price::parse(text);
  REQUIRE(parsed.ok());
  return *parsed;
}

// A few symbols of every kind: US and Canadian equities and ETFs, an index and a mutual fund.
inline const std::vector<std::string> kSampleSymbols = {
    "AAPL", "NVDA", "JPM", "BRK.B", "SPY", "SHOP.TO", "RY.TO", "XIU.TO", "^GSPC", "VFIAX"};

// A stock service over its own stock.db in a temp dir, on a simulated clock; reopen() is a
// process restart.
struct MarketFixture {
  TempDir dir;
  MarketOptions options;
  ManualClock clock{Timestamp{}};
  std::unique_ptr<SqliteMarketRepository> repository;
  std::unique_ptr<StockService> service;

  explicit MarketFixture(MarketOptions market_options) : options(market_options) { reopen(); }

  void reopen() {
    service.reset();
    repository.reset();
    clock.set(Timestamp{});
    Result<std::shared_ptr<SqliteDatabase>> db =
        SqliteDatabase::open(dir.path() / "stock.db", SqliteMarketRepository::schema());
    INFO(db.status().to_string());
    REQUIRE(db.ok());
    repository = std::make_unique<SqliteMarketRepository>(*db);
    service = std::make_unique<StockService>(*repository, clock, &clock, options);
    Status restored = service->restore();
    INFO(restored.to_string());
    REQUIRE(restored.ok());
  }

  StockService& market() { return *service; }

  Quote quote(std::string_view symbol) {
    Result<Quote> q = service->quote(symbol);
    INFO(q.status().to_string());
    REQUIRE(q.ok());
    return *q;
  }

  std::vector<DailyBar> history(std::string_view symbol, std::string_view period) {
    Result<std::vector<DailyBar>> bars = service->history(symbol, period);
    INFO(bars.status().to_string());
    REQUIRE(bars.ok());
    return *bars;
  }

  Price price(std::string_view symbol) {
    Result<Price> p = service->last_price(symbol);
    INFO(p.status().to_string());
    REQUIRE(p.ok());
    return *p;
  }
};

inline MarketOptions market_options(std::uint64_t seed, std::string_view start,
                                    SessionMode session = SessionMode::k24h) {
  MarketOptions options;
  options.seed = seed;
  options.start = at(start);
  options.session = session;
  return options;
}

// Counts the listener calls; can fail on the n-th move.
struct CountingListener : MarketListener {
  int moves = 0;
  int closes = 0;
  int fail_on_move = -1;
  std::function<void()> on_move;

  Status on_market_moved() override {
    ++moves;
    if (on_move) on_move();
    if (moves == fail_on_move) return Status::Internal("listener failed on purpose");
    return Status::Ok();
  }
  Status on_session_closed() override {
    ++closes;
    return Status::Ok();
  }
};

}  // namespace fafnir
