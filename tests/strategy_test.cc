// Each strategy's decisions on crafted price series, and the statistics of equity curves.

#include <catch2/catch.hpp>
#include <random>

#include "sim/buy_and_hold_strategy.h"
#include "sim/equity_stats.h"
#include "sim/mean_reversion_strategy.h"
#include "sim/momentum_strategy.h"
#include "sim/random_strategy.h"
#include "sim/strategy_registry.h"

namespace fafnir {
namespace {

Price dollars(std::int64_t whole) { return Price::from_micros(whole * 1'000'000); }
Money cash(std::int64_t whole) { return Money::from_micros(whole * 1'000'000); }
Quantity shares(std::int64_t whole) { return Quantity::from_micros(whole * 1'000'000); }

// Two symbols, A and B, with these price series (whole dollars, oldest first).
MarketView market(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  MarketView view;
  view.symbols = {"A", "B"};
  view.history.resize(2);
  for (std::int64_t price : a) view.history[0].push_back(dollars(price));
  for (std::int64_t price : b) view.history[1].push_back(dollars(price));
  return view;
}

AgentView agent(std::int64_t buying_power, std::int64_t equity, std::int64_t held_a,
                std::int64_t held_b) {
  return {cash(buying_power), cash(equity), {shares(held_a), shares(held_b)}};
}

TEST_CASE("buy-and-hold spends 98% of its cash equally at once, then never trades",
          "[simulation]") {
  BuyAndHoldStrategy strategy;
  std::mt19937_64 rng(1);
  MarketView view = market({100}, {50});
  std::vector<OrderIntent> first = strategy.decide(view, agent(10'000, 10'000, 0, 0), rng);
  REQUIRE(first.size() == 2);
  CHECK(first[0].symbol == 0);
  CHECK(first[0].side == OrderSide::kBuy);
  CHECK(first[0].quantity == shares(49));  // 4,900 / 100
  CHECK(first[1].quantity == shares(98));  // 4,900 / 50
  CHECK_FALSE(first[0].limit.has_value());
  CHECK(strategy.decide(market({50}, {10}), agent(10'000, 10'000, 49, 98), rng).empty());
}

TEST_CASE("momentum sells what fell and buys the strongest riser", "[simulation]") {
  MomentumStrategy strategy(/*lookback=*/4, /*threshold_bps=*/30);
  std::mt19937_64 rng(1);
  SECTION("too little history: nothing") {
    CHECK(
        strategy
            .decide(market({100, 90, 80, 70}, {100, 110, 120, 130}), agent(9'000, 9'000, 5, 0), rng)
            .empty());
  }
  SECTION("A fell 10% and is held, B rose 10%") {
    std::vector<OrderIntent> orders = strategy.decide(
        market({100, 99, 97, 95, 90}, {100, 102, 104, 108, 110}), agent(3'000, 9'000, 5, 0), rng);
    REQUIRE(orders.size() == 2);
    CHECK(orders[0].symbol == 0);
    CHECK(orders[0].side == OrderSide::kSell);
    CHECK(orders[0].quantity == shares(5));
    CHECK(orders[1].symbol == 1);
    CHECK(orders[1].side == OrderSide::kBuy);
    CHECK(orders[1].quantity == shares(27));  // min(3,000 buying power, 9,000 / 3) / 110
  }
  SECTION("moves inside the threshold: nothing") {
    CHECK(strategy
              .decide(market({1000, 1000, 1000, 1000, 998}, {1000, 1000, 1000, 1000, 1002}),
                      agent(9'000, 9'000, 1, 0), rng)
              .empty());
  }
}

TEST_CASE("mean reversion buys the deepest dip and sells on the way back", "[simulation]") {
  MeanReversionStrategy strategy(/*window=*/4, /*band_bps=*/40);
  std::mt19937_64 rng(1);
  SECTION("B dropped well below its mean") {
    std::vector<OrderIntent> orders = strategy.decide(
        market({100, 100, 100, 100}, {100, 100, 100, 88}), agent(50'000, 10'000, 0, 0), rng);
    REQUIRE(orders.size() == 1);
    CHECK(orders[0].symbol == 1);
    CHECK(orders[0].side == OrderSide::kBuy);
    CHECK(orders[0].quantity == shares(28));  // 10,000 / 4 / 88
  }
  SECTION("a held symbol back at its mean is sold") {
    std::vector<OrderIntent> orders = strategy.decide(
        market({90, 92, 96, 100}, {100, 100, 100, 100}), agent(0, 10'000, 7, 0), rng);
    REQUIRE(orders.size() == 1);
    CHECK(orders[0].symbol == 0);
    CHECK(orders[0].side == OrderSide::kSell);
    CHECK(orders[0].quantity == shares(7));
  }
  SECTION("a held symbol still below its mean is kept") {
    CHECK(
        strategy
            .decide(market({100, 100, 100, 90}, {100, 100, 100, 100}), agent(0, 10'000, 7, 0), rng)
            .empty());
  }
}

TEST_CASE("random stays within its cash and holdings and repeats itself from a seed",
          "[simulation]") {
  RandomStrategy strategy;
  MarketView view = market({100, 101}, {50, 49});
  AgentView me = agent(10'000, 20'000, 3, 0);
  auto run = [&](std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<OrderIntent> all;
    for (int i = 0; i < 500; ++i) {
      for (const OrderIntent& intent : strategy.decide(view, me, rng)) all.push_back(intent);
    }
    return all;
  };
  std::vector<OrderIntent> orders = run(42);
  int limits = 0, sells = 0;
  for (const OrderIntent& order : orders) {
    CHECK(order.quantity.is_positive());
    if (order.side == OrderSide::kSell) {
      ++sells;
      CHECK(order.symbol == 0);
      CHECK(order.quantity <= shares(3));
      continue;
    }
    Price price = order.limit ? *order.limit : view.price(order.symbol);
    CHECK(notional(price, order.quantity) <= percent_of(me.buying_power, 20));
    if (order.limit) {
      ++limits;
      CHECK(*order.limit < view.price(order.symbol));
    }
  }
  CHECK(orders.size() > 150);  // about 40% of 500
  CHECK(orders.size() < 250);
  CHECK(limits > 0);
  CHECK(sells > 0);
  std::vector<OrderIntent> again = run(42);
  REQUIRE(again.size() == orders.size());
  for (std::size_t i = 0; i < orders.size(); ++i) CHECK(again[i].quantity == orders[i].quantity);
}

TEST_CASE("strategy lists parse by name and refuse unknown names", "[simulation]") {
  Result<std::vector<std::string>> parsed = parse_strategy_list("random, momentum,random");
  REQUIRE(parsed.ok());
  CHECK(*parsed == std::vector<std::string>{"random", "momentum", "random"});
  Result<std::vector<std::string>> unknown = parse_strategy_list("random,yolo");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message().find("yolo") != std::string::npos);
  CHECK_FALSE(parse_strategy_list("random,,momentum").ok());
  std::mt19937_64 rng(1);
  CHECK_FALSE(make_strategy("yolo", rng).ok());
  for (const std::string& name : strategy_names()) {
    Result<std::unique_ptr<Strategy>> made = make_strategy(name, rng);
    REQUIRE(made.ok());
    CHECK((*made)->name() == name);
  }
}

TEST_CASE("equity statistics of a known curve", "[simulation]") {
  EquityStats stats = equity_stats({100, 110, 99, 121}, 4);
  CHECK(stats.total_return == Approx(0.21));
  CHECK(stats.max_drawdown == Approx(0.1));  // 110 -> 99
  // Period returns 0.1, -0.1, 0.2222: mean 0.074074, sample deviation 0.162668.
  CHECK(stats.volatility == Approx(0.325336).epsilon(1e-5));
  CHECK(stats.sharpe == Approx(0.910739).epsilon(1e-5));
  EquityStats flat = equity_stats({100, 100, 100}, 252);
  CHECK(flat.volatility == 0);
  CHECK(flat.sharpe == 0);
  CHECK(flat.max_drawdown == 0);
}

}  // namespace
}  // namespace fafnir
