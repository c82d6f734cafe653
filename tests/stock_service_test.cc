#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <set>

#include "core/common/text.h"
#include "core/stock/instrument_universe.h"
#include "tests/support/market_fixture.h"

namespace fafnir {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

std::vector<std::string> symbols_of(const std::vector<Instrument>& instruments) {
  std::vector<std::string> symbols;
  for (const Instrument& instrument : instruments) symbols.push_back(instrument.symbol);
  return symbols;
}

TEST_CASE("the shipped universe covers US and Canadian listings", "[market]") {
  const std::vector<Instrument>& universe = instrument_universe();
  CHECK(universe.size() >= 40);
  std::set<std::string> symbols;
  int usd = 0, cad = 0, etfs = 0, not_tradable = 0;
  for (const Instrument& instrument : universe) {
    INFO(instrument.symbol);
    CHECK(symbols.insert(instrument.symbol).second);
    CHECK(instrument.symbol == to_upper(instrument.symbol));
    CHECK_FALSE(instrument.name.empty());
    CHECK_FALSE(instrument.exchange.empty());
    CHECK_FALSE(instrument.exchange_full_name.empty());
    CHECK(instrument.base_price.is_positive());
    CHECK(instrument.base_price.micros() % instrument.tick.micros() == 0);
    CHECK(instrument.annual_volatility >= 0.1);
    CHECK(instrument.annual_volatility <= 0.7);
    if (instrument.symbol.ends_with(".TO")) CHECK(instrument.currency == Currency::kCad);
    if (instrument.exchange == "TSX") CHECK(instrument.currency == Currency::kCad);
    usd += instrument.currency == Currency::kUsd;
    cad += instrument.currency == Currency::kCad;
    etfs += instrument.type == InstrumentType::kEtf;
    not_tradable += !instrument.tradable();
  }
  CHECK(usd >= 20);
  CHECK(cad >= 10);
  CHECK(etfs >= 4);
  CHECK(not_tradable >= 2);
  for (std::string symbol : {"AAPL", "MSFT", "SPY", "QQQ", "SHOP.TO", "RY.TO", "XIU.TO", "^GSPC"}) {
    CHECK(symbols.count(symbol) == 1);
  }
}

TEST_CASE("instruments are found in any letter case", "[market]") {
  MarketFixture market(market_options(1, "2026-01-05T00:00:00Z"));
  Result<Instrument> shop = market.market().metadata("shop.to");
  REQUIRE(shop.ok());
  CHECK(shop->symbol == "SHOP.TO");
  CHECK(shop->currency == Currency::kCad);
  CHECK((*market.market().instrument("^gspc"))->type == InstrumentType::kIndex);
  CHECK(market.market().instrument("NOPE").status().code() == ErrorCode::kNotFound);
  CHECK(market.market().instruments().size() == instrument_universe().size());
}

TEST_CASE("search ranks exact symbol, symbol prefix, name word prefix, then substring",
          "[market]") {
  MarketFixture market(market_options(1, "2026-01-05T00:00:00Z"));
  auto search = [&](std::string_view text, int limit) {
    Result<std::vector<Instrument>> found = market.market().search(text, limit);
    REQUIRE(found.ok());
    return symbols_of(*found);
  };
  CHECK(search("aapl", 8).front() == "AAPL");
  CHECK(search("apple", 8) == std::vector<std::string>{"AAPL"});

  std::vector<std::string> v = search("v", 20);
  REQUIRE(v.size() >= 4);
  CHECK(v[0] == "V");
  CHECK(v[1] == "VOO");  // shortest symbol prefixes next
  CHECK(v[2] == "VTI");

  // "shop" is a symbol prefix of SHOP.TO; Exxon's name starts a word with "ex", while the
  // indexes only contain it.
  CHECK(search("shop", 8).front() == "SHOP.TO");
  std::vector<std::string> ex = search("ex", 20);
  REQUIRE(ex.size() >= 2);
  CHECK(ex.front() == "XOM");
  CHECK(std::find(ex.begin(), ex.end(), "^GSPTSE") != ex.end());
  // Substrings inside words match too.
  CHECK(search("soft", 8) == std::vector<std::string>{"MSFT"});
  // Names match by any word, even several.
  std::vector<std::string> bank = search("bank of", 20);
  CHECK(std::set<std::string>(bank.begin(), bank.end()) ==
        std::set<std::string>{"BAC", "BMO.TO", "BNS.TO", "RY.TO"});

  CHECK(search("a", 8).size() == 8);
  CHECK(search("a", 1).size() == 1);
  CHECK(search("  ", 8).empty());
  CHECK(search("zzzz", 8).empty());
  CHECK(market.market().search("a", 0).status().code() == ErrorCode::kInvalidArgument);
  CHECK(market.market().search("a", 21).status().code() == ErrorCode::kInvalidArgument);
  CHECK(market.market().search("a", 20).ok());
}

TEST_CASE("quote fields are consistent", "[market]") {
  MarketFixture market(market_options(8, "2026-01-06T00:00:00Z"));
  CountingListener ignore;
  REQUIRE(market.market().advance(minutes(10 * 60 + 30), ignore).ok());
  const Timestamp now = market.clock.now();
  for (const std::string& symbol : kSampleSymbols) {
    const Instrument instrument = **market.market().instrument(symbol);
    INFO(instrument.symbol);
    Quote q = market.quote(instrument.symbol);
    CHECK(q.symbol == instrument.symbol);
    CHECK(q.currency == instrument.currency);
    CHECK(q.change == q.price - q.previous_close);
    long double percent = static_cast<long double>(q.change.micros()) * 1e8L /
                          static_cast<long double>(q.previous_close.micros());
    CHECK(q.change_percent_micros == std::llround(percent));
    CHECK(q.market_cap.micros() == q.price.micros() * instrument.shares_outstanding);
    CHECK(q.day_low <= q.open);
    CHECK(q.day_low <= q.price);
    CHECK(q.day_high >= q.open);
    CHECK(q.day_high >= q.price);
    CHECK(q.year_low <= q.day_low);
    CHECK(q.year_high >= q.day_high);
    CHECK(q.source == "simulated");
    CHECK(q.as_of == now);
    CHECK(q.market_state == MarketState::kRegular);
    if (!instrument.tradable()) {
      CHECK(q.volume == 0);
      CHECK(q.market_cap.is_zero());
    } else if (instrument.tradable()) {
      CHECK(q.volume > 0);
    }
  }
  Result<std::vector<Quote>> several = market.market().quotes({"msft", "RY.TO"});
  REQUIRE(several.ok());
  CHECK(several->at(0).symbol == "MSFT");
  CHECK(several->at(1).symbol == "RY.TO");
  Result<std::vector<Quote>> unknown = market.market().quotes({"AAPL", "NOPE", "ZZZ"});
  CHECK(unknown.status().code() == ErrorCode::kNotFound);
  CHECK(unknown.status().message().find("NOPE") != std::string::npos);
}

TEST_CASE("an override sets the price now and the market moves on from it", "[market]") {
  MarketFixture market(market_options(21, "2026-01-05T00:00:00Z"));
  CountingListener ignore;
  REQUIRE(market.market().advance(hours(3), ignore).ok());
  std::vector<DailyBar> before = market.history("AAPL", "1M");

  REQUIRE(market.market().set_price("aapl", px("100.00")).ok());
  CHECK(market.price("AAPL") == px("100"));
  Quote q = market.quote("AAPL");
  CHECK(q.price == px("100"));
  CHECK(q.day_low <= px("100"));
  CHECK(q.day_high >= px("100"));
  std::vector<DailyBar> after = market.history("AAPL", "1M");
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i + 1 < after.size(); ++i) {
    CHECK(after[i].close == before[i].close);  // earlier bars do not change
    CHECK(after[i].high == before[i].high);
  }
  CHECK(after.back().close == px("100"));
  CHECK(after.back().open == before.back().open);

  REQUIRE(market.market().advance(hours(1), ignore).ok());
  Price moved = market.price("AAPL");
  CHECK(moved != px("100"));
  CHECK(moved > px("90"));
  CHECK(moved < px("110"));

  // A later override replaces the earlier one; overrides survive a restart.
  REQUIRE(market.market().set_price("AAPL", px("50")).ok());
  CHECK(market.price("AAPL") == px("50"));
  market.reopen();
  CHECK(market.price("AAPL") == px("50"));

  // The next day opens where the override day closed.
  REQUIRE(market.market().advance(hours(21), ignore).ok());
  std::vector<DailyBar> week = market.history("AAPL", "1W");
  REQUIRE(week.size() >= 2);
  CHECK(week.back().date == "2026-01-06");
  CHECK(week.back().open == week.rbegin()[1].close);
  CHECK(week.back().open < px("60"));

  CHECK(market.market().set_price("AAPL", px("100.005")).code() == ErrorCode::kInvalidArgument);
  CHECK(market.market().set_price("AAPL", px("0")).code() == ErrorCode::kInvalidArgument);
  CHECK(market.market().set_price("AAPL", px("-5")).code() == ErrorCode::kInvalidArgument);
  CHECK(market.market().set_price("NOPE", px("5")).code() == ErrorCode::kNotFound);
  // Non-tradable instruments can be set too.
  CHECK(market.market().set_price("^GSPC", px("6000")).ok());
  CHECK(market.price("^GSPC") == px("6000"));
}

constexpr std::string_view kHeader = "date,open,high,low,close,volume\n";

TEST_CASE("another process's overrides and imports count from the next refresh", "[market]") {
  MarketFixture market(market_options(21, "2026-01-05T00:00:00Z"));
  ManualClock other_clock{Timestamp{}};
  MarketProcess other = market.open_process(other_clock);
  CHECK(!*other.service->refresh());

  REQUIRE(market.market().set_price("AAPL", px("123.45")).ok());
  CHECK(market.price("AAPL") == px("123.45"));
  CHECK(!*market.market().refresh());  // its own change is loaded already
  CHECK(*other.service->last_price("AAPL") != px("123.45"));
  CHECK(*other.service->refresh());
  CHECK(*other.service->last_price("AAPL") == px("123.45"));
  CHECK(!*other.service->refresh());

  REQUIRE(other.service->import_bars("SHOP.TO", std::string(kHeader) +
                                                    "2026-01-02,50.00,51.00,49.00,50.50,1000\n")
              .ok());
  CHECK(*market.market().refresh());
  std::vector<DailyBar> week = market.history("SHOP.TO", "1W");
  auto friday = std::find_if(week.begin(), week.end(),
                             [](const DailyBar& bar) { return bar.date == "2026-01-02"; });
  REQUIRE(friday != week.end());
  CHECK(friday->close == px("50.5"));
  CHECK(market.quote("AAPL").price == other.service->quote("AAPL")->price);
}

TEST_CASE("an override inside a session splits the day's bar", "[market]") {
  MarketFixture market(market_options(12, "2026-01-05T00:00:00Z"));
  std::vector<Price> seen{market.price("JPM")};
  CountingListener listener;
  listener.on_move = [&] { seen.push_back(*market.market().last_price("JPM")); };
  REQUIRE(market.market().advance(hours(6) + std::chrono::seconds(30), listener).ok());
  // Half a minute after the 06:00 step, the price jumps to 300 and moves on from there.
  REQUIRE(market.market().set_price("JPM", px("300")).ok());
  seen.push_back(market.price("JPM"));
  REQUIRE(market.market().advance(hours(18) - std::chrono::seconds(30), listener).ok());
  DailyBar monday = market.history("JPM", "1W").rbegin()[1];
  REQUIRE(monday.date == "2026-01-05");
  CHECK(monday.open == seen.front());
  CHECK(monday.high == *std::max_element(seen.begin(), seen.end()));
  CHECK(monday.low == *std::min_element(seen.begin(), seen.end()));
  CHECK(monday.close == seen.back());
  CHECK(monday.high >= px("300"));
  CHECK(monday.low < px("250"));
}

TEST_CASE("CSV imports are validated strictly and store nothing on error", "[market]") {
  MarketFixture market(market_options(2, "2026-01-07T00:00:00Z"));
  const std::string good = "2026-01-05,100.00,104.50,99.00,103.00,1200000\n";
  struct Case {
    std::string csv;
    std::string expected;
  };
  const Case cases[] = {
      {"", "empty"},
      {"date,open,high,low,close\n" + good, "line 1"},
      {std::string(kHeader), "no bars"},
      {std::string(kHeader) + good + "2026-01-06,1,2,0.5,1.5\n", "line 3: expected 6 columns"},
      {std::string(kHeader) + good + "2026-13-01,1,2,0.5,1.5,10\n", "line 3, column 1 (date)"},
      {std::string(kHeader) + good + "2026-01-03,1,2,0.5,1.5,10\n", "weekend"},
      {std::string(kHeader) + good + good, "line 3, column 1 (date): duplicate date 2026-01-05"},
      {std::string(kHeader) + good + "2026-01-06,-1,2,0.5,1.5,10\n", "line 3, column 2 (open)"},
      {std::string(kHeader) + good + "2026-01-06,1,2,0.5,1.0000001,10\n",
       "line 3, column 5 (close)"},
      {std::string(kHeader) + good + "2026-01-06,1,2,0.5,abc,10\n", "line 3, column 5 (close)"},
      {std::string(kHeader) + good + "2026-01-06,1,1.4,0.5,1.5,10\n", "line 3, column 3 (high)"},
      {std::string(kHeader) + good + "2026-01-06,1,2,1.2,1.5,10\n", "line 3, column 4 (low)"},
      {std::string(kHeader) + good + "2026-01-06,1,2,0.5,1.5,12.5\n", "line 3, column 6 (volume)"},
      {std::string(kHeader) + good + "2026-01-06,1,2,0.5,1.5,-3\n", "line 3, column 6 (volume)"},
  };
  std::vector<DailyBar> before = market.history("SHOP.TO", "1W");
  for (const Case& c : cases) {
    INFO(c.csv);
    Status status = market.market().import_bars("SHOP.TO", c.csv);
    CHECK(status.code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(status.message(), Catch::Contains(c.expected));
  }
  CHECK(market.market().import_bars("NOPE", std::string(kHeader) + good).code() ==
        ErrorCode::kNotFound);
  CHECK(market.process.repository->imported_bars()->empty());
  std::vector<DailyBar> after = market.history("SHOP.TO", "1W");
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) CHECK(after[i].close == before[i].close);

  // Spaces, CRLF, upper-case headers and trailing blank lines are fine.
  CHECK(market.market()
            .import_bars("SHOP.TO",
                         "DATE, Open,High,Low,Close,Volume\r\n 2026-01-05 ,100.123456,104.5,99,"
                         "103,1200000\r\n\r\n")
            .ok());
  CHECK(market.process.repository->imported_bars()->at("SHOP.TO").size() == 1);
  // Bars keep every imported decimal.
  CHECK(market.history("SHOP.TO", "1W")[2].open == px("100.123456"));
}

TEST_CASE("replayed bars drive prices exactly", "[market]") {
  MarketFixture market(market_options(4, "2026-01-07T00:00:00Z"));  // Wednesday
  const std::string csv = std::string(kHeader) +
                          "2026-01-06,103.50,105.00,101.25,102.00,900000\n"
                          "2026-01-05,100.00,104.50,99.00,103.00,1200000\n"
                          "2026-01-07,102.00,106.00,100.00,105.00,1500000\n"
                          "2026-01-08,105.00,105.50,98.00,99.00,2000000\n";
  REQUIRE(market.market().import_bars("shop.to", csv).ok());

  std::vector<DailyBar> week = market.history("SHOP.TO", "1W");
  REQUIRE(week.size() == 5);
  CHECK(week[1].date == "2026-01-02");
  CHECK(week[1].close == px("100"));  // the model runs backwards from the first imported open
  CHECK(week[2].date == "2026-01-05");
  CHECK((week[2].open == px("100") && week[2].high == px("104.5") && week[2].low == px("99") &&
         week[2].close == px("103") && week[2].volume == 1'200'000));
  CHECK((week[3].open == px("103.5") && week[3].close == px("102") && week[3].volume == 900'000));
  CHECK(week[3].change == px("-1"));
  CHECK(week[3].change_percent_micros == -970874);  // -1 / 103 = -0.970873786...%
  Quote q = market.quote("SHOP.TO");
  CHECK(q.source == "replay");
  CHECK(q.price == px("102"));
  CHECK(q.previous_close == px("102"));
  CHECK(market.quote("RY.TO").source == "simulated");

  // A rising day runs open -> low -> high -> close.
  std::vector<Price> seen{market.price("SHOP.TO")};
  CountingListener listener;
  listener.on_move = [&] { seen.push_back(*market.market().last_price("SHOP.TO")); };
  REQUIRE(market.market().advance(hours(24), listener).ok());
  auto low = std::min_element(seen.begin(), seen.end());
  auto high = std::max_element(seen.begin(), seen.end());
  CHECK(*low == px("100"));
  CHECK(*high == px("106"));
  CHECK(low < high);
  CHECK(seen.back() == px("105"));
  DailyBar today = market.history("SHOP.TO", "1D").front();
  CHECK(today.date == "2026-01-08");
  CHECK(today.open == px("105"));
  CHECK(market.quote("SHOP.TO").source == "replay");
  DailyBar replayed = market.history("SHOP.TO", "1W").rbegin()[1];
  CHECK((replayed.date == "2026-01-07" && replayed.high == px("106") &&
         replayed.close == px("105") && replayed.volume == 1'500'000));

  // After the replayed range the model continues from the last imported close, and the bars
  // survive a restart.
  CountingListener ignore;
  REQUIRE(market.market().advance(hours(24 + 12), ignore).ok());
  market.reopen();
  Quote friday = market.quote("SHOP.TO");
  CHECK(friday.source == "simulated");
  CHECK(friday.open == px("99"));
  CHECK(friday.previous_close == px("99"));
  DailyBar thursday = market.history("SHOP.TO", "1W").rbegin()[1];
  CHECK((thursday.date == "2026-01-08" && thursday.low == px("98") && thursday.close == px("99")));
}

}  // namespace
}  // namespace fafnir
