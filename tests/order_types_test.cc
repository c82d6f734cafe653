// Order types, times in force, refusals, rejections and cancels, told as small market stories:
// AAPL is pinned at 100.00 by the operator and the trader already holds 20 shares, so both sides
// can trade.

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/support/trading_fixture.h"

namespace fafnir::trading_test {
namespace {

using namespace std::chrono_literals;

// 10,500.00 of cash, AAPL at 100.00, 20 AAPL bought for 2,000.00: 8,500.00 left.
struct QuietMarket {
  TradingFixture f;
  QuietMarket() {
    f.set_price("AAPL", "100.00");
    Order bought = f.place(market(kBuy, "AAPL", "20"));
    REQUIRE(bought.status == OrderStatus::kFilled);
    REQUIRE(f.cash() == money("8500.00"));
  }
};

struct Case {
  std::string story;
  OrderRequest request;
  Money reservation;       // what a resting buy holds back; zero for sells
  bool triggered = false;  // a stop-limit whose stop the price has already crossed
};

// Orders of 2 shares that can trade at 100.00 right now.
std::vector<Case> marketable_cases() {
  return {
      {"market buy", market(kBuy, "AAPL", "2"), {}},
      {"market sell", market(kSell, "AAPL", "2"), {}},
      {"limit buy above the market", limit(kBuy, "AAPL", "2", "105.00"), {}},
      {"limit buy at the market", limit(kBuy, "AAPL", "2", "100.00"), {}},
      {"limit sell below the market", limit(kSell, "AAPL", "2", "95.00"), {}},
      {"limit sell at the market", limit(kSell, "AAPL", "2", "100.00"), {}},
      {"buy stop already crossed", stop(kBuy, "AAPL", "2", "95.00"), {}},
      {"sell stop already crossed", stop(kSell, "AAPL", "2", "105.00"), {}},
      {"buy stop at the market", stop(kBuy, "AAPL", "2", "100.00"), {}},
      {"buy stop-limit crossed, limit reachable", stop_limit(kBuy, "AAPL", "2", "95.00", "101.00"),
       {}},
      {"sell stop-limit crossed, limit reachable",
       stop_limit(kSell, "AAPL", "2", "105.00", "99.00"), {}},
  };
}

// Orders of 2 shares that cannot trade at 100.00.
std::vector<Case> resting_cases() {
  return {
      {"limit buy below the market", limit(kBuy, "AAPL", "2", "95.00"), money("190.00")},
      {"limit sell above the market", limit(kSell, "AAPL", "2", "105.00"), {}},
      {"buy stop above the market", stop(kBuy, "AAPL", "2", "105.00"), money("210.00")},
      {"sell stop below the market", stop(kSell, "AAPL", "2", "95.00"), {}},
      {"buy stop-limit not triggered", stop_limit(kBuy, "AAPL", "2", "105.00", "106.00"),
       money("212.00")},
      {"sell stop-limit not triggered", stop_limit(kSell, "AAPL", "2", "95.00", "94.00"), {}},
      {"buy stop-limit triggered, limit out of reach",
       stop_limit(kBuy, "AAPL", "2", "95.00", "99.00"), money("198.00"), true},
      {"sell stop-limit triggered, limit out of reach",
       stop_limit(kSell, "AAPL", "2", "105.00", "101.00"), {}, true},
  };
}

// Each story below runs every case on one market, one after the other, so that the suite opens a
// few data directories rather than one per case.
TEST_CASE("a marketable order of every type fills at once at the current price, in every time in "
          "force",
          "[trading]") {
  TimeInForce tif =
      GENERATE(TimeInForce::kGtc, TimeInForce::kDay, TimeInForce::kIoc, TimeInForce::kFok);
  QuietMarket m;
  for (Case c : marketable_cases()) {
    c.request.time_in_force = tif;
    INFO(c.story << " " << time_in_force_name(tif));
    const Money cash = m.f.cash();
    const Quantity shares = m.f.holding_qty("AAPL");

    Order placed = m.f.place(c.request);
    CHECK(placed.status == OrderStatus::kFilled);
    CHECK(placed.filled_quantity == qty("2"));
    CHECK(placed.average_fill_price == px("100.00"));
    CHECK(placed.reject_reason.empty());

    bool buy = c.request.side == kBuy;
    CHECK(m.f.cash() == (buy ? cash - money("200.00") : cash + money("200.00")));
    CHECK(m.f.holding_qty("AAPL") == (buy ? shares + qty("2") : shares - qty("2")));
    CHECK(m.f.reserved() == Money());
    CHECK(m.f.holding("AAPL")->reserved == Quantity());
    CHECK(*m.f.platform().engine().resting_orders() == 0);
  }
  CHECK(m.f.ledger_sum() == m.f.cash());
}

TEST_CASE("an order that cannot trade now rests when GTC or DAY, holding its cash or shares",
          "[trading]") {
  TimeInForce tif = GENERATE(TimeInForce::kGtc, TimeInForce::kDay);
  QuietMarket m;
  for (Case c : resting_cases()) {
    c.request.time_in_force = tif;
    INFO(c.story << " " << time_in_force_name(tif));

    Order placed = m.f.place(c.request);
    CHECK(placed.status == OrderStatus::kPending);
    CHECK(placed.filled_quantity == Quantity());
    CHECK(placed.reserved_cash == c.reservation);
    CHECK(placed.stop_triggered == c.triggered);
    CHECK(*m.f.platform().engine().resting_orders() == 1);
    CHECK(m.f.reserved() == c.reservation);
    CHECK(m.f.account().buying_power() == money("8500.00") - c.reservation);
    bool sell = c.request.side == kSell;
    CHECK(m.f.holding("AAPL")->reserved == (sell ? qty("2") : Quantity()));

    REQUIRE(m.f.cancel(placed.id).ok());  // and everything it held comes back
    CHECK(m.f.reserved() == Money());
    CHECK(m.f.holding("AAPL")->reserved == Quantity());
    CHECK(*m.f.platform().engine().resting_orders() == 0);
  }
  CHECK(m.f.cash() == money("8500.00"));
  CHECK(m.f.holding_qty("AAPL") == qty("20"));
}

TEST_CASE("an IOC or FOK order that cannot trade now is canceled with a reason, holding nothing",
          "[trading]") {
  TimeInForce tif = GENERATE(TimeInForce::kIoc, TimeInForce::kFok);
  QuietMarket m;
  for (Case c : resting_cases()) {
    c.request.time_in_force = tif;
    INFO(c.story << " " << time_in_force_name(tif));

    Order placed = m.f.place(c.request);
    CHECK(placed.status == OrderStatus::kCanceled);
    CHECK(placed.reject_reason ==
          std::string(time_in_force_name(tif)) + " order could not be filled immediately");
    CHECK(m.f.order(placed.id).status == OrderStatus::kCanceled);  // stored, with its reason
    CHECK(*m.f.platform().engine().resting_orders() == 0);
    CHECK(m.f.reserved() == Money());
    CHECK(m.f.holding("AAPL")->reserved == Quantity());
  }
  CHECK(m.f.cash() == money("8500.00"));
}

TEST_CASE("DAY orders expire at the session close (midnight UTC), GTC orders survive it",
          "[trading]") {
  QuietMarket m;
  Order day_buy = m.f.place(limit(kBuy, "AAPL", "5", "50.00", TimeInForce::kDay));
  Order gtc_buy = m.f.place(limit(kBuy, "AAPL", "5", "50.00", TimeInForce::kGtc));
  Order day_sell = m.f.place(limit(kSell, "AAPL", "3", "200.00", TimeInForce::kDay));
  Order day_stop = m.f.place(stop(kSell, "AAPL", "4", "50.00", TimeInForce::kDay));
  REQUIRE(m.f.reserved() == money("500.00"));
  REQUIRE(m.f.holding("AAPL")->reserved == qty("7"));

  m.f.advance(8h + 59min);  // 23:59, Monday
  CHECK(m.f.open_orders().size() == 4);

  m.f.advance(1min);  // midnight: Monday's session closes
  CHECK(m.f.clock().now() == at("2026-01-06T00:00:00Z"));
  for (const Order& expired : {day_buy, day_sell, day_stop}) {
    Order now = m.f.order(expired.id);
    CHECK(now.status == OrderStatus::kExpired);
    CHECK(now.reject_reason == "DAY order expired at the close");
  }
  CHECK(m.f.order(gtc_buy.id).status == OrderStatus::kPending);
  CHECK(*m.f.platform().engine().resting_orders() == 1);
  CHECK(m.f.reserved() == money("250.00"));
  CHECK(m.f.holding("AAPL")->reserved == Quantity());
  CHECK(m.f.cash() == money("8500.00"));

  m.f.advance(48h);  // two more closes change nothing for the GTC order
  CHECK(m.f.order(gtc_buy.id).status == OrderStatus::kPending);
  CHECK(m.f.reserved() == money("250.00"));
}

TEST_CASE("malformed orders and unknown symbols are refused and store nothing", "[trading]") {
  QuietMarket m;
  const std::size_t stored = m.f.orders().size();

  OrderRequest negative = market(kBuy, "AAPL", "-1");
  OrderRequest zero = market(kBuy, "AAPL", "0");
  OrderRequest limit_without_price = market(kBuy, "AAPL", "1");
  limit_without_price.type = OrderType::kLimit;
  OrderRequest limit_with_stop = limit(kBuy, "AAPL", "1", "95.00");
  limit_with_stop.stop_price = px("90.00");
  OrderRequest stop_without_price = market(kSell, "AAPL", "1");
  stop_without_price.type = OrderType::kStop;
  OrderRequest market_with_limit = market(kBuy, "AAPL", "1");
  market_with_limit.limit_price = px("95.00");
  OrderRequest stop_limit_without_limit = stop(kBuy, "AAPL", "1", "105.00");
  stop_limit_without_limit.type = OrderType::kStopLimit;
  OrderRequest negative_limit = limit(kBuy, "AAPL", "1", "-95.00");
  OrderRequest huge_stop = stop(kSell, "AAPL", "1", "9007199254.740993");  // above kMaxTrigger
  OrderRequest no_symbol = market(kBuy, "", "1");

  for (const OrderRequest& bad :
       {negative, zero, limit_without_price, limit_with_stop, stop_without_price,
        market_with_limit, stop_limit_without_limit, negative_limit, huge_stop, no_symbol}) {
    Result<Order> refused = m.f.try_place(bad);
    INFO(refused.status().to_string());
    CHECK(refused.status().code() == ErrorCode::kInvalidArgument);
  }
  Result<Order> unknown = m.f.try_place(market(kBuy, "NOPE", "1"));
  CHECK(unknown.status().code() == ErrorCode::kNotFound);

  // A quantity with 7 decimals never becomes a request: the exact parser refuses it.
  CHECK(Quantity::parse("0.0000001").status().code() == ErrorCode::kInvalidArgument);

  m.f.settle();
  CHECK(m.f.orders().size() == stored);
  CHECK(m.f.reserved() == Money());
  CHECK(m.f.holding("AAPL")->reserved == Quantity());
  CHECK(m.f.cash() == money("8500.00"));
}

TEST_CASE("orders the account cannot carry are stored REJECTED with the reason", "[trading]") {
  QuietMarket m;

  SECTION("beyond buying power") {
    Order order = m.f.place(market(kBuy, "AAPL", "86"));  // 8,600.00 > 8,500.00
    CHECK(order.status == OrderStatus::kRejected);
    CHECK(order.reject_reason == "insufficient funds");
    CHECK(m.f.order(order.id).status == OrderStatus::kRejected);
    // A resting order's reservation counts against buying power too.
    m.f.place(limit(kBuy, "AAPL", "80", "99.00"));  // 7,920.00 held back, 580.00 free
    Order second = m.f.place(limit(kBuy, "AAPL", "6", "97.00"));  // 582.00
    CHECK(second.status == OrderStatus::kRejected);
    CHECK(second.reject_reason == "insufficient funds");
    CHECK(m.f.reserved() == money("7920.00"));
  }
  SECTION("an oversell") {
    Order order = m.f.place(market(kSell, "AAPL", "20.5"));
    CHECK(order.status == OrderStatus::kRejected);
    CHECK(order.reject_reason == "insufficient holdings");
    // Shares held for a resting sell cannot be sold twice.
    m.f.place(limit(kSell, "AAPL", "15", "150.00"));
    Order second = m.f.place(market(kSell, "AAPL", "6"));
    CHECK(second.reject_reason == "insufficient holdings");
    Order never_held = m.f.place(market(kSell, "MSFT", "1"));
    CHECK(never_held.reject_reason == "insufficient holdings");
  }
  SECTION("an instrument that is not tradable") {
    const std::vector<Instrument>& universe = m.f.platform().stock().instruments();
    auto index = std::find_if(universe.begin(), universe.end(), [](const Instrument& i) {
      return i.type == InstrumentType::kIndex;
    });
    REQUIRE(index != universe.end());
    Order order = m.f.place(market(kBuy, index->symbol, "1"));
    CHECK(order.status == OrderStatus::kRejected);
    CHECK(order.reject_reason == "instrument not tradable");
  }
  SECTION("a user without an INVESTMENT account") {
    std::string saver = m.f.register_user("saver@example.com");
    m.f.open_account(saver, AccountType::kSavings, Currency::kUsd);
    Result<Order> order = m.f.try_place_as(saver, market(kBuy, "AAPL", "1"));
    REQUIRE(order.ok());
    CHECK(order->status == OrderStatus::kRejected);
    CHECK(order->reject_reason == "no investment account");
    CHECK(order->account_id.empty());
  }
  m.f.settle();
  CHECK(m.f.cash() == money("8500.00"));
  CHECK(m.f.ledger_sum() == m.f.cash());
}

TEST_CASE("only the owner may cancel, only while the order is open; cancel releases the hold",
          "[trading]") {
  QuietMarket m;
  Order buy = m.f.place(limit(kBuy, "AAPL", "5", "95.00"));
  Order sell = m.f.place(limit(kSell, "AAPL", "5", "120.00"));
  REQUIRE(m.f.reserved() == money("475.00"));
  REQUIRE(m.f.holding("AAPL")->reserved == qty("5"));

  std::string stranger = m.f.register_user("stranger@example.com");
  Result<Order> theirs = m.f.platform().orders().cancel(stranger, buy.id);
  CHECK(theirs.status().code() == ErrorCode::kNotFound);
  CHECK(m.f.platform().orders().order(stranger, buy.id).status().code() == ErrorCode::kNotFound);
  CHECK(m.f.cancel("00000000-0000-4000-8000-000000000000").status().code() ==
        ErrorCode::kNotFound);

  Result<Order> canceled = m.f.cancel(buy.id);
  REQUIRE(canceled.ok());
  CHECK(canceled->status == OrderStatus::kCanceled);
  CHECK(m.f.reserved() == Money());
  REQUIRE(m.f.cancel(sell.id).ok());
  CHECK(m.f.holding("AAPL")->reserved == Quantity());
  CHECK(*m.f.platform().engine().resting_orders() == 0);

  CHECK(m.f.cancel(buy.id).status().code() == ErrorCode::kFailedPrecondition);
  Order filled = m.f.place(market(kBuy, "AAPL", "1"));
  CHECK(m.f.cancel(filled.id).status().code() == ErrorCode::kFailedPrecondition);

  m.f.set_price("AAPL", "90.00");  // would have filled the canceled buy
  CHECK(m.f.order(buy.id).status == OrderStatus::kCanceled);
  CHECK(m.f.cash() == money("8400.00"));
  CHECK(m.f.holding_qty("AAPL") == qty("21"));
}

}  // namespace
}  // namespace fafnir::trading_test
