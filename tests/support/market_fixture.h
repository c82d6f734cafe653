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

// A stock service and its repository, as one process opens them.
struct MarketProcess {
  std::unique_ptr<SqliteMarketRepository> repository;
  std::unique_ptr<StockService> service;
};

// A stock service over its own stock.db in a temp dir, on a simulated clock; reopen() is a
// process restart, open_process() another process sharing the file.
struct MarketFixture {
  TempDir dir;
  MarketOptions options;
  ManualClock clock{Timestamp{}};
  LocalMarketRevisions revisions;
  MarketProcess process;

  explicit MarketFixture(MarketOptions market_options) : options(market_options) { reopen(); }

  void reopen() {
    process = {};
    clock.set(Timestamp{});
    process = open_process(clock);
  }

  // A restored stock service on the fixture's stock.db and revisions, on `simulated` (which
  // must outlive it).
  MarketProcess open_process(ManualClock& simulated) {
    Result<std::shared_ptr<SqliteDatabase>> db =
        SqliteDatabase::open(dir.path() / "stock.db", SqliteMarketRepository::schema());
    INFO(db.status().to_string());
    REQUIRE(db.ok());
    MarketProcess opened;
    opened.repository = std::make_unique<SqliteMarketRepository>(*db);
    opened.service = std::make_unique<StockService>(*opened.repository, revisions, simulated,
                                                    &simulated, options);
    Status restored = opened.service->restore();
    INFO(restored.to_string());
    REQUIRE(restored.ok());
    return opened;
  }

  StockService& market() { return *process.service; }

  Quote quote(std::string_view symbol) {
    Result<Quote> q = process.service->quote(symbol);
    INFO(q.status().to_string());
    REQUIRE(q.ok());
    return *q;
  }

  std::vector<DailyBar> history(std::string_view symbol, std::string_view period) {
    Result<std::vector<DailyBar>> bars = process.service->history(symbol, period);
    INFO(bars.status().to_string());
    REQUIRE(bars.ok());
    return *bars;
  }

  Price price(std::string_view symbol) {
    Result<Price> p = process.service->last_price(symbol);
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
