// The trade engine as a trader sees it: resting orders waking when the operator moves the price,
// gaps through limits and stops, fills settling exactly once, and fills in another currency.

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/trigger_index.h"
#include "core/order/order_events.h"
#include "tests/support/trading_fixture.h"

namespace fafnir::trading_test {
namespace {

// The portfolio store, with a hook that runs once just before its next write unit of work.
class InterceptingPortfolioStore final : public PortfolioStore {
 public:
  explicit InterceptingPortfolioStore(std::unique_ptr<PortfolioStore> inner)
      : inner_(std::move(inner)) {}

  Status transact(const Work& work) override {
    if (std::function<void()> hook = std::exchange(before_next_, nullptr)) hook();
    return inner_->transact(work);
  }
  Status read(const Work& work) override { return inner_->read(work); }
  void before_next(std::function<void()> hook) { before_next_ = std::move(hook); }

 private:
  std::unique_ptr<PortfolioStore> inner_;
  std::function<void()> before_next_;
};

// An index owned elsewhere, e.g. one several nodes share, handed to a platform.
class BorrowedIndex final : public RestingOrderIndex {
 public:
  explicit BorrowedIndex(RestingOrderIndex& index) : index_(index) {}

  Status add(std::string_view symbol, TriggerDirection direction, Price trigger,
             const OrderKey& key) override {
    return index_.add(symbol, direction, trigger, key);
  }
  Result<bool> remove(const OrderKey& key) override { return index_.remove(key); }
  Result<std::vector<OrderKey>> take_crossed(std::string_view symbol, Price price) override {
    return index_.take_crossed(symbol, price);
  }
  Result<std::vector<std::string>> symbols() const override { return index_.symbols(); }
  Result<std::size_t> size() const override { return index_.size(); }

 private:
  RestingOrderIndex& index_;
};

// The order store, failing the next lookup of one order by id when told to.
class FlakyOrderStore final : public OrderStore {
 public:
  explicit FlakyOrderStore(std::unique_ptr<OrderStore> inner) : inner_(std::move(inner)) {}

  void fail_next_find() { fail_next_find_ = true; }

  Status transact(const Work& work) override { return inner_->transact(work); }
  Result<std::optional<Order>> find(std::string_view order_id) override {
    if (std::exchange(fail_next_find_, false)) return Status::Internal("injected lookup failure");
    return inner_->find(order_id);
  }
  Result<std::vector<Order>> orders_of(std::string_view user_id) override {
    return inner_->orders_of(user_id);
  }
  Result<std::vector<Order>> open_orders() override { return inner_->open_orders(); }
  Result<std::vector<Order>> open_day_orders() override { return inner_->open_day_orders(); }
  Result<std::vector<std::pair<OrderStatus, std::int64_t>>> count_by_status() override {
    return inner_->count_by_status();
  }
  Status delete_user(std::string_view user_id) override { return inner_->delete_user(user_id); }

 private:
  std::unique_ptr<OrderStore> inner_;
  bool fail_next_find_ = false;
};

// A TradingFixtureOptions::wrap_ports that wraps the port in `slot` in a Wrapper and points
// `wrapper` at it (at every platform the fixture opens).
template <typename Wrapper, typename Port>
std::function<void(Ports&)> wrap_port(std::unique_ptr<Port> Ports::*slot, Wrapper*& wrapper) {
  return [slot, &wrapper](Ports& ports) {
    auto wrapped = std::make_unique<Wrapper>(std::move(ports.*slot));
    wrapper = wrapped.get();
    ports.*slot = std::move(wrapped);
  };
}

TEST_CASE("the walk-through of issue 3 comes out exact to the micro", "[engine]") {
  TradingFixture f({.deposit = "0"});
  CHECK(f.cash() == money("500.00"));  // the opening deposit
  f.deposit("10000.00");
  f.set_price("AAPL", "100.00");

  Order bought = f.place(market(kBuy, "AAPL", "10"));
  CHECK(bought.status == OrderStatus::kFilled);
  CHECK(bought.average_fill_price == px("100.00"));
  CHECK(f.cash() == money("9500.00"));  // exactly 1,000.00 less

  Order resting = f.place(limit(kBuy, "AAPL", "5", "95.00"));
  CHECK(resting.status == OrderStatus::kPending);
  CHECK(f.reserved() == money("475.00"));
  CHECK(f.account().buying_power() == money("9025.00"));

  f.set_price("AAPL", "94.00");
  Order filled = f.order(resting.id);
  CHECK(filled.status == OrderStatus::kFilled);
  CHECK(filled.average_fill_price == px("94.00"));
  CHECK(f.cash() == money("9030.00"));
  CHECK(f.reserved() == Money());
  CHECK(f.holding_qty("AAPL") == qty("15"));
  CHECK(f.holding("AAPL")->average_cost == px("98.00"));

  Order stop_loss = f.place(stop(kSell, "AAPL", "10", "90.00"));
  CHECK(stop_loss.status == OrderStatus::kPending);
  CHECK(f.holding("AAPL")->reserved == qty("10"));
  f.set_price("AAPL", "89.00");
  Order stopped = f.order(stop_loss.id);
  CHECK(stopped.status == OrderStatus::kFilled);
  CHECK(stopped.average_fill_price == px("89.00"));
  CHECK(f.cash() == money("9920.00"));
  CHECK(f.holding_qty("AAPL") == qty("5"));
  CHECK(f.holding("AAPL")->reserved == Quantity());
  CHECK(f.account().realized_pnl == money("-90.00"));  // 10 x (89 - 98)

  f.set_price("AAPL", "33.33");
  for (int i = 0; i < 3; ++i) {
    CHECK(f.place(market(kBuy, "AAPL", "0.1")).average_fill_price == px("33.33"));
  }
  CHECK(f.cash() == money("9910.001"));  // 3 x 3.333000
  CHECK(f.holding_qty("AAPL") == qty("5.3"));

  std::vector<Money> amounts;
  for (const LedgerEntry& entry : f.ledger()) amounts.push_back(entry.amount);
  CHECK(amounts == std::vector<Money>{money("500"), money("10000"), money("-1000"),
                                      money("-470"), money("890"), money("-3.333"),
                                      money("-3.333"), money("-3.333")});
  CHECK(f.ledger_sum() == f.cash());
}

TEST_CASE("a resting limit fills at the current price when the market gaps through it",
          "[engine]") {
  TradingFixture f;
  f.set_price("AAPL", "100.00");
  f.place(market(kBuy, "AAPL", "10"));  // 9,500.00 left

  SECTION("a buy limit at 95 fills at 90.00 when the price jumps from 100 to 90") {
    Order order = f.place(limit(kBuy, "AAPL", "5", "95.00"));
    f.set_price("AAPL", "96.00");  // not there yet
    CHECK(f.order(order.id).status == OrderStatus::kPending);
    f.set_price("AAPL", "90.00");
    CHECK(f.order(order.id).average_fill_price == px("90.00"));
    CHECK(f.cash() == money("9050.00"));
    CHECK(f.reserved() == Money());  // the unused 25.00 of the 475.00 is free again
  }
  SECTION("a sell limit at 105 fills at 110.00 when the price jumps to 110") {
    Order order = f.place(limit(kSell, "AAPL", "4", "105.00"));
    f.set_price("AAPL", "110.00");
    CHECK(f.order(order.id).average_fill_price == px("110.00"));
    CHECK(f.cash() == money("9940.00"));
    CHECK(f.holding_qty("AAPL") == qty("6"));
    CHECK(f.holding("AAPL")->reserved == Quantity());
  }
  SECTION("a move wakes only the orders it crosses") {
    Order near = f.place(limit(kBuy, "AAPL", "1", "95.00"));
    Order far = f.place(limit(kBuy, "AAPL", "1", "90.00"));
    Order other = f.place(limit(kBuy, "MSFT", "1", "1.00"));
    f.set_price("AAPL", "93.00");
    CHECK(f.order(near.id).status == OrderStatus::kFilled);
    CHECK(f.order(far.id).status == OrderStatus::kPending);
    CHECK(f.order(other.id).status == OrderStatus::kPending);
    CHECK(*f.platform().engine().resting_orders() == 2);
    CHECK(f.reserved() == money("91.00"));
  }
}

TEST_CASE("stops trigger when the price crosses them and fill at the price of the move",
          "[engine]") {
  SECTION("a sell stop at 90 triggers at 89.00, not at 91") {
    TradingFixture f;
    f.set_price("AAPL", "100.00");
    f.place(market(kBuy, "AAPL", "10"));
    Order order = f.place(stop(kSell, "AAPL", "10", "90.00"));
    f.set_price("AAPL", "91.00");
    CHECK(f.order(order.id).status == OrderStatus::kPending);
    f.set_price("AAPL", "89.00");
    CHECK(f.order(order.id).average_fill_price == px("89.00"));
    CHECK(f.holding("AAPL") == std::nullopt);
    CHECK(f.cash() == money("10390.00"));
  }
  SECTION("a buy stop at 110 fills at 120.00 after a gap when funds allow") {
    TradingFixture f;
    f.set_price("AAPL", "100.00");
    Order order = f.place(stop(kBuy, "AAPL", "5", "110.00"));
    CHECK(f.reserved() == money("550.00"));  // at the stop, the best it can do
    f.set_price("AAPL", "120.00");
    Order filled = f.order(order.id);
    CHECK(filled.status == OrderStatus::kFilled);
    CHECK(filled.average_fill_price == px("120.00"));
    CHECK(f.cash() == money("9900.00"));
    CHECK(f.reserved() == Money());
    CHECK(f.holding_qty("AAPL") == qty("5"));
  }
  SECTION("a buy stop whose gap costs more than the account has is canceled") {
    TradingFixture f({.deposit = "0"});  // 500.00
    f.set_price("AAPL", "100.00");
    Order order = f.place(stop(kBuy, "AAPL", "4.5", "110.00"));  // 495.00 held back
    CHECK(order.status == OrderStatus::kPending);
    f.set_price("AAPL", "120.00");  // 540.00 needed
    Order canceled = f.order(order.id);
    CHECK(canceled.status == OrderStatus::kCanceled);
    CHECK(canceled.reject_reason.rfind("insufficient funds", 0) == 0);
    CHECK(canceled.reject_reason == "insufficient funds at the fill price 120.00");
    CHECK(f.cash() == money("500.00"));
    CHECK(f.reserved() == Money());
    CHECK(f.holding("AAPL") == std::nullopt);
    CHECK(*f.platform().engine().resting_orders() == 0);
  }
}

TEST_CASE("a stop-limit triggers, rests as a limit while out of reach, and fills later",
          "[engine]") {
  TradingFixture f;
  f.set_price("AAPL", "100.00");
  f.place(market(kBuy, "AAPL", "10"));  // 9,500.00 left

  SECTION("buy: stop 105, limit 107") {
    Order order = f.place(stop_limit(kBuy, "AAPL", "5", "105.00", "107.00"));
    CHECK(f.reserved() == money("535.00"));
    f.set_price("AAPL", "110.00");  // triggers, but 110 is above the limit
    Order triggered = f.order(order.id);
    CHECK(triggered.status == OrderStatus::kPending);
    CHECK(triggered.stop_triggered);
    CHECK(*f.platform().engine().resting_orders() == 1);
    f.set_price("AAPL", "104.00");  // below the stop again: as a limit it now fills
    CHECK(f.order(order.id).average_fill_price == px("104.00"));
    CHECK(f.cash() == money("8980.00"));
    CHECK(f.reserved() == Money());
  }
  SECTION("sell: stop 95, limit 93") {
    Order order = f.place(stop_limit(kSell, "AAPL", "4", "95.00", "93.00"));
    f.set_price("AAPL", "90.00");
    CHECK(f.order(order.id).stop_triggered);
    CHECK(f.order(order.id).status == OrderStatus::kPending);
    f.set_price("AAPL", "94.00");
    CHECK(f.order(order.id).average_fill_price == px("94.00"));
    CHECK(f.cash() == money("9876.00"));
    CHECK(f.holding_qty("AAPL") == qty("6"));
  }
  SECTION("triggered with the limit in reach: fills on the same move") {
    Order order = f.place(stop_limit(kBuy, "AAPL", "2", "105.00", "110.00"));
    f.set_price("AAPL", "108.00");
    CHECK(f.order(order.id).average_fill_price == px("108.00"));
    CHECK(f.cash() == money("9284.00"));
  }
}

TEST_CASE("a restart keeps resting orders indexed, triggered stop-limits included", "[engine]") {
  TradingFixture f;
  f.set_price("AAPL", "100.00");
  Order limit_buy = f.place(limit(kBuy, "AAPL", "5", "95.00"));
  Order stop_buy = f.place(stop_limit(kBuy, "AAPL", "1", "120.00", "121.00"));
  f.set_price("MSFT", "300.00");
  Order msft = f.place(stop_limit(kBuy, "MSFT", "1", "305.00", "306.00"));
  f.set_price("MSFT", "310.00");  // triggers above the limit: rests as a limit at 306
  REQUIRE(f.order(msft.id).stop_triggered);

  f.reopen();
  CHECK(*f.platform().engine().resting_orders() == 3);
  CHECK(f.reserved() == money("475.00") + money("121.00") + money("306.00"));
  CHECK(f.last_price("AAPL") == px("100.00"));  // overrides survive the restart too,
  CHECK(f.last_price("MSFT") == px("310.00"));  // the latest of two at the same instant winning

  f.set_price("AAPL", "94.00");
  CHECK(f.order(limit_buy.id).status == OrderStatus::kFilled);
  CHECK(f.order(limit_buy.id).average_fill_price == px("94.00"));
  CHECK(f.order(stop_buy.id).status == OrderStatus::kPending);
  f.set_price("MSFT", "306.00");
  CHECK(f.order(msft.id).average_fill_price == px("306.00"));
  CHECK(f.reserved() == money("121.00"));
  CHECK(f.cash() == money("10500.00") - money("470.00") - money("306.00"));
}

TEST_CASE("a restart re-indexes its open orders in a shared index and keeps the others' entries",
          "[engine]") {
  // The index of a cluster, which outlives each node's platform; one key is another node's order
  // that this node's store never saw, e.g. one filled meanwhile.
  TriggerIndex cluster_index;
  const OrderKey foreign = *OrderKey::from_uuid("00000000-0000-4000-8000-000000000001");
  REQUIRE(cluster_index.add("AAPL", TriggerDirection::kAtOrBelow, px("96.00"), foreign).ok());
  TradingFixture f({.wrap_ports = [&cluster_index](Ports& ports) {
    ports.resting_orders = std::make_unique<BorrowedIndex>(cluster_index);
  }});
  f.set_price("AAPL", "100.00");
  Order limit_buy = f.place(limit(kBuy, "AAPL", "5", "95.00"));
  CHECK(*cluster_index.size() == 2);

  f.reopen();
  CHECK(*cluster_index.size() == 2);  // the open order once, the other node's key untouched
  CHECK(cluster_index.contains(foreign));

  f.set_price("AAPL", "94.00");  // wakes both; the key without an order is skipped
  CHECK(f.order(limit_buy.id).status == OrderStatus::kFilled);
  CHECK(*cluster_index.size() == 0);
}

TEST_CASE("a fill delivered twice settles once", "[engine]") {
  TradingFixture f;
  f.capture("orders.filled");
  f.set_price("AAPL", "100.00");
  Order order = f.place(market(kBuy, "AAPL", "10"));
  REQUIRE(order.status == OrderStatus::kFilled);
  std::vector<Event> fills = f.captured();
  REQUIRE(fills.size() == 1);
  const Event original = fills[0];
  Result<std::shared_ptr<const OrderEvent>> decoded = OrderEvent::from_event(original);
  REQUIRE(decoded.ok());
  REQUIRE((*decoded)->fill.has_value());
  CHECK((*decoded)->fill->settlement_amount == money("1000.00"));

  const Money cash = f.cash();
  const std::size_t entries = f.ledger().size();
  REQUIRE(cash == money("9500.00"));

  SECTION("the same event again: the stream drops it by id") {
    REQUIRE(f.platform().stream().publish({original}).ok());
    f.settle();
    CHECK(f.captured().size() == 1);
  }
  SECTION("a copy under a new event id: the portfolio recognizes the fill id") {
    Event copy = original;
    copy.id = "5d0c4f36-35c8-4a11-9a6b-6f0d8b1e2a77";
    REQUIRE(f.platform().stream().publish({copy}).ok());
    f.settle();
    CHECK(f.captured().size() == 2);  // it was delivered
  }
  CHECK(f.cash() == cash);
  CHECK(f.holding_qty("AAPL") == qty("10"));
  CHECK(f.ledger().size() == entries);
  CHECK(f.reserved() == Money());
  CHECK(f.ledger_sum() == f.cash());
}

TEST_CASE("a CAD fill settles in a USD account at the rate recorded in the fill", "[engine]") {
  TradingFixture f;
  f.capture("orders.filled");
  f.set_price("SHOP.TO", "150.00");
  Result<Price> quoted = f.platform().stock().fx_rate(Currency::kCad, Currency::kUsd);
  REQUIRE(quoted.ok());

  Order order = f.place(market(kBuy, "SHOP.TO", "2"));
  CHECK(order.status == OrderStatus::kFilled);
  CHECK(order.currency == Currency::kCad);
  CHECK(order.account_currency == Currency::kUsd);
  CHECK(order.average_fill_price == px("150.00"));  // in CAD

  std::vector<Event> fills = f.captured();
  REQUIRE(fills.size() == 1);
  Result<std::shared_ptr<const OrderEvent>> event = OrderEvent::from_event(fills[0]);
  REQUIRE(event.ok());
  const Fill& fill = *(*event)->fill;
  CHECK(fill.fx_rate == *quoted);
  CHECK(fill.fx_rate != px("1"));
  Money usd = convert(money("300.00"), fill.fx_rate);
  CHECK(fill.settlement_amount == usd);
  CHECK(f.cash() == money("10500.00") - usd);
  CHECK(f.holding("SHOP.TO")->average_cost == unit_price(usd, qty("2")));

  const LedgerEntry entry = f.ledger().back();
  CHECK(entry.type == TransactionType::kBuy);
  CHECK(entry.amount == -usd);
  CHECK(entry.description.find("CAD") != std::string::npos);
  CHECK(entry.description.find("(fx " + fill.fx_rate.format(6) + ")") != std::string::npos);
  CHECK(f.ledger_sum() == f.cash());
}

TEST_CASE("commission and slippage are charged exactly and booked in the ledger", "[engine]") {
  TradingFixture f({.trading = {.commission_per_fill = money("1.00"), .slippage_bps = 10, .shares_per_quote = {}}});
  f.set_price("AAPL", "100.00");
  Order bought = f.place(market(kBuy, "AAPL", "10"));
  CHECK(bought.average_fill_price == px("100.10"));  // 10 bps against the buyer
  CHECK(f.cash() == money("9498.00"));                // 1,001.00 + 1.00 commission
  CHECK(f.holding("AAPL")->average_cost == px("100.20"));
  std::vector<LedgerEntry> ledger = f.ledger();
  REQUIRE(ledger.size() == 4);
  CHECK(ledger[2].type == TransactionType::kBuy);
  CHECK(ledger[2].amount == money("-1001.00"));
  CHECK(ledger[3].type == TransactionType::kFee);
  CHECK(ledger[3].amount == money("-1.00"));

  Order limited = f.place(limit(kBuy, "AAPL", "10", "100.05"));  // slippage stops at the limit
  CHECK(limited.average_fill_price == px("100.05"));
  CHECK(f.cash() == money("8496.50"));                     // 1,000.50 + 1.00
  CHECK(f.holding("AAPL")->average_cost == px("100.175"));  // 2,003.50 / 20
  f.place(market(kSell, "AAPL", "20"));  // at 99.90: 1,998.00 less 1.00
  CHECK(f.cash() == money("10493.50"));
  CHECK(f.account().realized_pnl == money("-6.50"));
  CHECK(f.ledger_sum() == f.cash());
}

// PortfolioService::cover() runs outside the order's unit of work: when the order is canceled (and
// its cancel settled) between the engine reading it and covering a gap, cover() must not create a
// fresh reservation for the closed order, which nothing would ever release, not even a restart.
TEST_CASE("a cancel that lands while a gapped stop covers its cost leaves no cash held",
          "[engine]") {
  InterceptingPortfolioStore* interceptor = nullptr;
  TradingFixture f({.wrap_ports = wrap_port(&Ports::portfolio, interceptor)});
  f.set_price("AAPL", "100.00");
  Order order = f.place(stop(kBuy, "AAPL", "1", "105.00"));
  REQUIRE(f.reserved() == money("105.00"));

  // The engine has read the order as PENDING and is about to cover 110.00; the trader cancels
  // first and the cancel settles.
  interceptor->before_next([&] {
    REQUIRE(f.platform().orders().cancel(f.user(), order.id).ok());
    f.settle();
  });
  f.set_price("AAPL", "110.00");

  CHECK(f.order(order.id).status == OrderStatus::kCanceled);
  CHECK(f.open_orders().empty());
  CHECK(f.holding("AAPL") == std::nullopt);
  CHECK(f.cash() == money("10500.00"));
  CHECK(f.reserved() == Money());
  f.reopen();
  CHECK(f.reserved() == Money());
}

TEST_CASE("orders a failed price move took from the index wake at the next move", "[engine]") {
  FlakyOrderStore* store = nullptr;
  TradingFixture f({.wrap_ports = wrap_port(&Ports::orders, store)});
  f.set_price("AAPL", "100.00");
  Order higher = f.place(limit(kBuy, "AAPL", "1", "95.00"));
  Order lower = f.place(limit(kBuy, "AAPL", "1", "94.50"));

  store->fail_next_find();
  CHECK(f.platform().set_price("AAPL", px("94.00")).code() == ErrorCode::kInternal);
  f.settle();
  CHECK(f.order(higher.id).status == OrderStatus::kPending);
  CHECK(f.order(lower.id).status == OrderStatus::kPending);

  f.set_price("AAPL", "93.00");
  CHECK(f.order(higher.id).status == OrderStatus::kFilled);
  CHECK(f.order(lower.id).status == OrderStatus::kFilled);
  CHECK(f.order(lower.id).average_fill_price == px("93.00"));
  CHECK(*f.platform().engine().resting_orders() == 0);
}

}  // namespace
}  // namespace fafnir::trading_test
