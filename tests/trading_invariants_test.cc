// Invariants under pressure: many threads trading on one account, a long random trading session
// from a fixed seed, and the determinism of the market; the trading ones on the embedded and the
// memory transport.

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/support/trading_fixture.h"

namespace fafnir::trading_test {
namespace {

using namespace std::chrono_literals;

constexpr int kThreads = 8;
constexpr int kOperations = 10'000;
constexpr int kCheckEvery = 100;
constexpr int kOrdersPerThread = 50;

// Runs `orders_per_thread` placements of `request` on each of kThreads threads while this thread
// keeps settling, and returns every outcome.
std::vector<Result<Order>> place_concurrently(TradingFixture& f, const OrderRequest& request) {
  std::vector<std::vector<Result<Order>>> outcomes(kThreads);
  std::atomic<int> running{kThreads};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOrdersPerThread; ++i) outcomes[t].push_back(f.try_place(request));
      --running;
    });
  }
  Status settling = Status::Ok();
  bool overdrawn = false;
  while (running > 0) {
    Result<std::size_t> settled = f.platform().settle();
    if (!settled.ok()) settling = settled.status();
    Result<Account> now = f.platform().portfolio().account(f.user(), f.account_id());
    if (now.ok() && (now->balance.is_negative() || now->buying_power().is_negative())) {
      overdrawn = true;
    }
  }
  for (std::thread& thread : threads) thread.join();
  INFO(settling.to_string());
  CHECK(settling.ok());
  CHECK_FALSE(overdrawn);
  f.settle();
  std::vector<Result<Order>> all;
  for (auto& outcome : outcomes) all.insert(all.end(), outcome.begin(), outcome.end());
  return all;
}

TEST_CASE("eight threads buying on one account never overdraw it", "[invariants]") {
  bool in_memory = GENERATE(false, true);
  INFO((in_memory ? "memory" : "embedded") << " transport");
  // 10,000.00: one hundred shares at 100.00
  TradingFixture f({.deposit = "9500.00", .in_memory = in_memory});
  f.set_price("AAPL", "100.00");
  std::vector<Result<Order>> outcomes = place_concurrently(f, market(kBuy, "AAPL", "1"));

  int filled = 0;
  for (const Result<Order>& outcome : outcomes) {
    INFO(outcome.status().to_string());
    REQUIRE(outcome.ok());
    if (outcome->status == OrderStatus::kFilled) {
      ++filled;
      CHECK(outcome->average_fill_price == px("100.00"));
    } else {
      CHECK(outcome->status == OrderStatus::kRejected);
      CHECK(outcome->reject_reason == "insufficient funds");
    }
  }
  CHECK(filled == 100);
  CHECK(notional(px("100.00"), Quantity::from_micros(filled * kMicrosPerUnit)) ==
        money("10000.00") - f.cash());
  CHECK_FALSE(f.cash().is_negative());
  CHECK(f.reserved() == Money());
  CHECK(f.holding_qty("AAPL") == Quantity::from_micros(filled * kMicrosPerUnit));
  CHECK(f.ledger_sum() == f.cash());
}

TEST_CASE("eight threads selling one holding never sell a share twice", "[invariants]") {
  bool in_memory = GENERATE(false, true);
  INFO((in_memory ? "memory" : "embedded") << " transport");
  TradingFixture f({.in_memory = in_memory});
  f.set_price("AAPL", "100.00");
  f.place(market(kBuy, "AAPL", "100"));
  REQUIRE(f.cash() == money("500.00"));
  std::vector<Result<Order>> outcomes = place_concurrently(f, market(kSell, "AAPL", "1"));

  int filled = 0;
  for (const Result<Order>& outcome : outcomes) {
    INFO(outcome.status().to_string());
    REQUIRE(outcome.ok());
    if (outcome->status == OrderStatus::kFilled) {
      ++filled;
    } else {
      CHECK(outcome->status == OrderStatus::kRejected);
      CHECK(outcome->reject_reason == "insufficient holdings");
    }
  }
  CHECK(filled == 100);
  CHECK(f.holding("AAPL") == std::nullopt);
  CHECK(f.cash() == money("10500.00"));
  CHECK(f.ledger_sum() == f.cash());
}

// What must hold after every settle: the first violation found, or empty.
std::string violation(TradingFixture& f, const std::vector<std::string>& accounts) {
  std::map<std::string, Money> held_cash;
  std::map<std::pair<std::string, std::string>, Quantity> held_shares;
  for (const Order& order : f.open_orders()) {
    held_cash[order.account_id] += order.reserved_cash;
    if (order.side == kSell) held_shares[{order.account_id, order.symbol}] += order.remaining_quantity();
  }
  std::ostringstream out;
  for (const std::string& id : accounts) {
    Account account = f.account(f.user(), id);
    Money ledger = f.ledger_sum(f.user(), id);
    if (account.balance != ledger) {
      out << "balance " << account.balance.format() << " != ledger " << ledger.format();
    } else if (account.balance.is_negative() || account.buying_power().is_negative()) {
      out << "negative: balance " << account.balance.format() << " reserved "
          << account.reserved.format();
    } else if (account.reserved != held_cash[id]) {
      out << "reserved " << account.reserved.format() << " but open orders hold "
          << held_cash[id].format();
    }
    Result<std::vector<Holding>> holdings = f.platform().portfolio().holdings(f.user(), id);
    if (!holdings.ok()) return holdings.status().to_string();
    for (const Holding& h : *holdings) {
      Quantity wanted = held_shares[{id, h.symbol}];
      if (h.quantity.is_negative() || h.reserved.is_negative() || h.reserved > h.quantity) {
        out << h.symbol << ": quantity " << h.quantity.format() << " reserved "
            << h.reserved.format();
      } else if (h.reserved != wanted) {
        out << h.symbol << ": reserved " << h.reserved.format() << " but open sells hold "
            << wanted.format();
      }
    }
    if (!out.str().empty()) return "account " + id + ": " + out.str();
  }
  return {};
}

// Traders placing and canceling orders of every kind while the operator moves the price and
// the stream settles, all at once; afterwards every invariant holds.
TEST_CASE("trading, canceling, price moves and settlement running at once keep the invariants",
          "[invariants]") {
  bool in_memory = GENERATE(false, true);
  INFO((in_memory ? "memory" : "embedded") << " transport");
  TradingFixture f({.deposit = "20000.00", .in_memory = in_memory});
  f.set_price("AAPL", "100.00");
  f.place(market(kBuy, "AAPL", "50"));
  const std::vector<OrderRequest> menu{
      market(kBuy, "AAPL", "1"),        market(kSell, "AAPL", "1"),
      limit(kBuy, "AAPL", "2", "97.00"), limit(kSell, "AAPL", "2", "103.00"),
      stop(kBuy, "AAPL", "1", "104.00"), stop(kSell, "AAPL", "1", "96.00"),
      stop_limit(kBuy, "AAPL", "1", "102.00", "103.00"),
      limit(kBuy, "AAPL", "1", "99.00", TimeInForce::kIoc)};
  const std::vector<Price> moves{px("95.00"), px("98.50"), px("100.00"), px("102.50"),
                                 px("106.00")};

  std::vector<std::string> errors(kThreads / 2 + 1);
  std::atomic<int> running{kThreads / 2 + 1};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads / 2; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(static_cast<std::uint64_t>(t) + 1);
      std::vector<std::string> mine;
      for (int i = 0; i < kOrdersPerThread * 2 && errors[t].empty(); ++i) {
        if (!mine.empty() && rng() % 3 == 0) {
          Result<Order> canceled = f.platform().orders().cancel(f.user(), mine[rng() % mine.size()]);
          if (!canceled.ok() && canceled.status().code() != ErrorCode::kFailedPrecondition) {
            errors[t] = canceled.status().to_string();
          }
          continue;
        }
        Result<Order> placed = f.try_place(menu[rng() % menu.size()]);
        if (!placed.ok()) errors[t] = placed.status().to_string();
        if (placed.ok()) mine.push_back(placed->id);
      }
      --running;
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 300 && errors.back().empty(); ++i) {
      Status moved = f.platform().set_price("AAPL", moves[i % moves.size()]);
      if (!moved.ok()) errors.back() = moved.to_string();
    }
    --running;
  });
  Status settling = Status::Ok();
  while (running > 0) {
    Result<std::size_t> settled = f.platform().settle();
    if (!settled.ok()) settling = settled.status();
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& error : errors) CHECK(error.empty());
  CHECK(settling.ok());
  f.settle();
  CHECK(violation(f, {f.account_id()}).empty());
}

// A long random trading session: deposits, transfers, orders of every kind in USD and CAD,
// cancels, price moves and the passage of time.
TEST_CASE("10,000 random operations keep every invariant", "[invariants]") {
  bool in_memory = GENERATE(false, true);
  INFO((in_memory ? "memory" : "embedded") << " transport");
  TradingFixture f({.deposit = "20000.00", .in_memory = in_memory});
  std::string cad = f.open_account(f.user(), AccountType::kInvestment, Currency::kCad);
  const std::vector<std::string> accounts{f.account_id(), cad};
  const std::vector<std::string> symbols{"AAPL", "MSFT", "SPY", "SHOP.TO", "RY.TO"};
  for (const std::string& symbol : symbols) f.set_price(symbol, "100.00");

  std::mt19937_64 rng(20260105);
  auto uniform = [&rng](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  auto cents = [](std::int64_t n) { return Price::from_micros(n * 10'000); };
  std::vector<std::string> resting;  // orders that rested when placed, maybe filled since
  std::map<std::string, int> outcomes;

  for (int op = 0; op < kOperations; ++op) {
    std::int64_t dice = uniform(0, 99);
    bool settle = false;
    if (dice < 40) {
      OrderRequest request;
      request.symbol = symbols[uniform(0, symbols.size() - 1)];
      request.side = uniform(0, 1) == 0 ? kBuy : kSell;
      request.type = static_cast<OrderType>(uniform(0, 3));
      request.time_in_force = static_cast<TimeInForce>(uniform(0, 3));
      request.quantity = Quantity::from_micros(uniform(1, 1500) * 10'000);  // 0.01 .. 15.00
      std::int64_t now = f.last_price(request.symbol).micros() / 10'000;
      if (request.type == OrderType::kLimit || request.type == OrderType::kStopLimit) {
        request.limit_price = cents(std::max<std::int64_t>(1, now + uniform(-now / 10, now / 10)));
      }
      if (request.type == OrderType::kStop || request.type == OrderType::kStopLimit) {
        request.stop_price = cents(std::max<std::int64_t>(1, now + uniform(-now / 10, now / 10)));
      }
      Result<Order> placed = f.try_place(request);
      INFO("operation " << op << ": " << placed.status().to_string());
      REQUIRE(placed.ok());
      if (placed->status == OrderStatus::kPending) resting.push_back(placed->id);
      ++outcomes[std::string(order_status_name(placed->status))];
    } else if (dice < 48 && !resting.empty()) {
      std::swap(resting[uniform(0, resting.size() - 1)], resting.back());
      Result<Order> canceled = f.platform().orders().cancel(f.user(), resting.back());
      resting.pop_back();
      INFO("operation " << op << ": " << canceled.status().to_string());
      REQUIRE((canceled.ok() || canceled.status().code() == ErrorCode::kFailedPrecondition));
      if (canceled.ok()) ++outcomes["canceled by the user"];
    } else if (dice < 73) {
      const std::string& symbol = symbols[uniform(0, symbols.size() - 1)];
      std::int64_t now = f.last_price(symbol).micros() / 10'000;
      std::int64_t next = std::clamp<std::int64_t>(now + uniform(-now / 25, now / 25), 2000, 50000);
      REQUIRE(f.platform().set_price(symbol, cents(next)).ok());
    } else if (dice < 80) {
      REQUIRE(f.platform().advance(std::chrono::minutes(uniform(1, 240))).ok());
    } else if (dice < 85) {
      REQUIRE(f.platform()
                  .portfolio()
                  .deposit(f.user(), f.account_id(), Money::from_micros(uniform(1, 500'000) * 10'000),
                           Currency::kUsd)
                  .ok());
    } else if (dice < 88) {
      bool usd_to_cad = uniform(0, 1) == 0;
      Status moved = f.platform().portfolio().transfer(
          f.user(), usd_to_cad ? f.account_id() : cad, usd_to_cad ? cad : f.account_id(),
          Money::from_micros(uniform(1, 200'000) * 10'000),
          usd_to_cad ? Currency::kUsd : Currency::kCad);
      INFO("operation " << op << ": " << moved.to_string());
      REQUIRE((moved.ok() || moved.code() == ErrorCode::kFailedPrecondition));
    } else {
      settle = true;
    }
    // Checking reads every order and ledger entry, so it runs only every kCheckEvery operations.
    bool check = (op + 1) % kCheckEvery == 0 || op + 1 == kOperations;
    if (settle || check) f.settle();
    if (check) {
      std::string broken = violation(f, accounts);
      INFO("after operation " << op);
      REQUIRE(broken.empty());
    }
  }
  // The session exercised every path: fills, resting orders, IOC/FOK cancels, rejections.
  CHECK(outcomes["FILLED"] > 100);
  CHECK(outcomes["PENDING"] > 100);
  CHECK(outcomes["CANCELED"] > 100);
  CHECK(outcomes["REJECTED"] > 10);
  CHECK(outcomes["canceled by the user"] > 100);
}

std::string describe(const Quote& q) {
  std::ostringstream out;
  out << q.symbol << " " << q.price.format() << " o" << q.open.format() << " pc"
      << q.previous_close.format() << " " << q.change_percent_micros << " v" << q.volume << " l"
      << q.day_low.format() << " h" << q.day_high.format() << " yl" << q.year_low.format()
      << " yh" << q.year_high.format() << " " << format_rfc3339(q.as_of);
  return out.str();
}

std::vector<std::string> market_story(TradingFixture& f) {
  f.set_price("MSFT", "321.00");
  f.advance(72h);
  std::vector<std::string> seen{format_rfc3339(f.clock().now())};
  Result<std::vector<Quote>> quotes =
      f.platform().stock().quotes({"AAPL", "MSFT", "SPY", "SHOP.TO", "RY.TO"});
  REQUIRE(quotes.ok());
  for (const Quote& q : *quotes) seen.push_back(describe(q));
  Result<std::vector<DailyBar>> bars = f.platform().stock().history("AAPL", "1M");
  REQUIRE(bars.ok());
  REQUIRE(!bars->empty());
  for (const DailyBar& b : *bars) {
    std::ostringstream out;
    out << b.date << " " << b.open.format() << " " << b.high.format() << " " << b.low.format()
        << " " << b.close.format() << " " << b.volume;
    seen.push_back(out.str());
  }
  return seen;
}

TEST_CASE("two data directories with the same seed, start and actions see the same market",
          "[invariants]") {
  TradingFixture first;
  TradingFixture second;
  std::vector<std::string> a = market_story(first);
  std::vector<std::string> b = market_story(second);
  CHECK(a == b);
  CHECK(a[0] == "2026-01-08T15:00:00.000Z");

  TradingFixture other_seed({.seed = kSeed + 1});
  CHECK(market_story(other_seed) != a);

  first.reopen();  // a restart changes nothing either
  Result<std::vector<Quote>> again =
      first.platform().stock().quotes({"AAPL", "MSFT", "SPY", "SHOP.TO", "RY.TO"});
  REQUIRE(again.ok());
  for (std::size_t i = 0; i < again->size(); ++i) CHECK(describe((*again)[i]) == a[i + 1]);
}

}  // namespace
}  // namespace fafnir::trading_test
