// Limited shares at the quote: IOC fills what is there, FOK all or nothing, GTC and DAY orders
// fill in parts quote after quote, and reservations follow every part exactly.

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/engine/liquidity.h"
#include "tests/support/trading_fixture.h"

namespace fafnir::trading_test {
namespace {

TradingFixtureOptions with_depth(std::string_view symbol, std::string_view shares) {
  TradingFixtureOptions options;
  options.trading.shares_per_quote.emplace(std::string(symbol), qty(shares));
  return options;
}

TEST_CASE("each new quote offers the symbol's depth again", "[liquidity]") {
  Liquidity liquidity({{"AAPL", qty("30")}});
  Timestamp now = at(kStart);
  CHECK(liquidity.take("AAPL", px("100.00"), now, qty("20"), false) == qty("20"));
  CHECK(liquidity.take("AAPL", px("100.00"), now, qty("20"), true) == Quantity());
  CHECK(liquidity.take("AAPL", px("100.00"), now, qty("20"), false) == qty("10"));
  CHECK(liquidity.take("AAPL", px("100.00"), now, qty("1"), false) == Quantity());
  CHECK(liquidity.take("AAPL", px("100.01"), now, qty("50"), false) == qty("30"));
  CHECK(liquidity.take("AAPL", px("100.01"), now + std::chrono::seconds(1), qty("30"), true) ==
        qty("30"));
  CHECK(liquidity.take("MSFT", px("100.00"), now, qty("1000000"), true) == qty("1000000"));
}

TEST_CASE("an IOC order fills what the quote offers and cancels the rest", "[liquidity]") {
  TradingFixture f(with_depth("AAPL", "30"));
  f.set_price("AAPL", "100.00");
  Money before = f.cash();
  Order ioc = f.place(market(kBuy, "AAPL", "50", TimeInForce::kIoc));
  CHECK(ioc.status == OrderStatus::kCanceled);
  CHECK(ioc.filled_quantity == qty("30"));
  CHECK(ioc.average_fill_price == px("100.00"));
  CHECK(f.cash() == before - money("3000.00"));
  CHECK(f.reserved() == Money());
  CHECK(f.holding_qty("AAPL") == qty("30"));

  Order sell = f.place(market(kSell, "AAPL", "30", TimeInForce::kIoc));
  CHECK(sell.status == OrderStatus::kCanceled);
  CHECK(sell.filled_quantity == Quantity());  // the buy took this quote's 30 shares
  CHECK(f.holding("AAPL")->reserved == Quantity());
  CHECK(f.ledger_sum() == f.cash());
}

TEST_CASE("a FOK order fills whole or not at all", "[liquidity]") {
  TradingFixture f(with_depth("AAPL", "30"));
  f.set_price("AAPL", "100.00");
  Money before = f.cash();
  Order too_big = f.place(limit(kBuy, "AAPL", "31", "100.00", TimeInForce::kFok));
  CHECK(too_big.status == OrderStatus::kCanceled);
  CHECK(too_big.filled_quantity == Quantity());
  CHECK(f.cash() == before);
  CHECK(f.reserved() == Money());
  Order exact = f.place(limit(kBuy, "AAPL", "30", "100.00", TimeInForce::kFok));
  CHECK(exact.status == OrderStatus::kFilled);
  CHECK(f.cash() == before - money("3000.00"));
}

TEST_CASE("a GTC order fills in parts over quotes and keeps the rest reserved", "[liquidity]") {
  TradingFixture f(with_depth("AAPL", "30"));
  f.set_price("AAPL", "100.00");
  Money before = f.cash();
  Order order = f.place(limit(kBuy, "AAPL", "70", "100.00"));
  CHECK(order.status == OrderStatus::kPartialFill);
  CHECK(order.filled_quantity == qty("30"));
  CHECK(f.reserved() == money("4000.00"));
  REQUIRE(f.open_orders().size() == 1);

  f.set_price("AAPL", "99.50");
  order = f.order(order.id);
  CHECK(order.status == OrderStatus::kPartialFill);
  CHECK(order.filled_quantity == qty("60"));
  CHECK(order.average_fill_price == px("99.75"));
  CHECK(f.reserved() == money("1015.00"));  // 10 x 100.00 still open + 15.00 saved on the fill

  f.set_price("AAPL", "100.01");  // above the limit: nothing fills
  CHECK(f.order(order.id).filled_quantity == qty("60"));

  f.set_price("AAPL", "99.00");
  order = f.order(order.id);
  CHECK(order.status == OrderStatus::kFilled);
  CHECK(order.filled_quantity == qty("70"));
  CHECK(f.reserved() == Money());
  CHECK(f.cash() == before - money("3000.00") - money("2985.00") - money("990.00"));
  CHECK(f.holding_qty("AAPL") == qty("70"));
  CHECK(f.ledger_sum() == f.cash());
  CHECK(f.open_orders().empty());
}

TEST_CASE("canceling or expiring a partly filled order releases only the rest", "[liquidity]") {
  TradingFixture f(with_depth("AAPL", "30"));
  f.set_price("AAPL", "100.00");
  Money before = f.cash();
  Order gtc = f.place(market(kBuy, "AAPL", "40"));
  CHECK(gtc.status == OrderStatus::kPartialFill);
  REQUIRE(f.cancel(gtc.id).ok());
  CHECK(f.order(gtc.id).status == OrderStatus::kCanceled);
  CHECK(f.order(gtc.id).filled_quantity == qty("30"));
  CHECK(f.reserved() == Money());
  CHECK(f.cash() == before - money("3000.00"));

  f.set_price("AAPL", "101.00");
  Order day = f.place(limit(kBuy, "AAPL", "50", "101.00", TimeInForce::kDay));
  CHECK(day.filled_quantity == qty("30"));
  f.set_price("AAPL", "150.00");        // far above the limit for the rest of the session
  f.advance(std::chrono::hours(12));  // through the 00:00 UTC close of the 24h session
  Order expired = f.order(day.id);
  CHECK(expired.status == OrderStatus::kExpired);
  CHECK(expired.filled_quantity == qty("30"));
  CHECK(f.reserved() == Money());
  CHECK(f.cash() == before - money("3000.00") - money("3030.00"));
  CHECK(f.ledger_sum() == f.cash());
  CHECK(f.holding_qty("AAPL") == qty("60"));
}

TEST_CASE("concurrent orders at one quote never fill more than its depth", "[liquidity]") {
  TradingFixture f(with_depth("AAPL", "25"));
  f.set_price("AAPL", "100.00");
  // Built here: Catch2's assertions (inside market()) must not run on the placing threads.
  const OrderRequest buy = market(kBuy, "AAPL", "10", TimeInForce::kIoc);
  std::vector<std::thread> threads;
  std::vector<Result<Order>> placed(8, Status::Internal("not placed"));
  for (std::size_t i = 0; i < placed.size(); ++i) {
    threads.emplace_back([&f, &placed, &buy, i] { placed[i] = f.try_place(buy); });
  }
  for (std::thread& thread : threads) thread.join();
  f.settle();
  Quantity filled;
  for (const Result<Order>& order : placed) {
    REQUIRE(order.ok());
    CHECK((order->status == OrderStatus::kFilled || order->status == OrderStatus::kCanceled));
    filled += order->filled_quantity;
  }
  CHECK(filled == qty("25"));
  CHECK(f.holding_qty("AAPL") == qty("25"));
  CHECK(f.reserved() == Money());
  CHECK(f.ledger_sum() == f.cash());
}

}  // namespace
}  // namespace fafnir::trading_test
