#pragma once

#include <mutex>
#include <string>

#include "core/common/clock.h"
#include "core/common/id_generator.h"
#include "core/engine/liquidity.h"
#include "core/engine/resting_order_index.h"
#include "core/engine/trading_options.h"
#include "core/order/order_events.h"
#include "core/order/order_store.h"
#include "core/portfolio/trading_accounts.h"
#include "core/stock/market_data.h"

namespace fafnir {

// Matches orders against the market: fills what is marketable at the current price, as far as
// the Liquidity at that quote allows, rests the rest in a RestingOrderIndex, wakes resting orders
// when a price move crosses them, cancels what IOC/FOK cannot fill now and expires DAY orders at
// the session close. Every state change is written with its orders.* events in one OrderStore
// unit. The index may be shared with the engines of other nodes: an order a price move wakes is
// handled by the one engine whose take_crossed claimed it.
// Thread-safe: the index and the handling of resting orders are serialized; new orders are
// decided and stored concurrently, so that placements from several threads can share a commit.
class TradeEngine final : public MarketListener {
 public:
  // Borrows everything; all must outlive the engine. The engine serializes its own calls on
  // `index`.
  TradeEngine(OrderStore& orders, RestingOrderIndex& index, MarketData& market,
              TradingAccounts& accounts, const Clock& clock, IdGenerator& ids,
              TradingOptions options = {})
      : orders_(orders),
        index_(index),
        market_(market),
        accounts_(accounts),
        clock_(clock),
        ids_(ids),
        options_(options),
        liquidity_(options_.shares_per_quote) {}

  // Indexes every open order in the store, filling those that are marketable now. Keeps what the
  // index already holds: a shared index holds the orders of other nodes too, and a key whose
  // order is no longer open is skipped when a price move takes it.
  Status rebuild();

  // Takes a new order whose cash or shares are already reserved: stores it with orders.created
  // and, in the same unit, fills it if marketable now, else rests it (GTC, DAY) or cancels it
  // (IOC, FOK). Returns the order as stored. REQUIRES: the order is not stored yet.
  Result<Order> accept(Order order);

  // Drops a canceled order from the index. No-op when it is not there.
  Status forget(std::string_view order_id);

  // Cash a buy order must hold at acceptance: the worst price it may fill at, times quantity,
  // converted to the account's currency, plus commission. Zero for sells.
  Result<Money> cash_to_reserve(const Order& order);

  // Wakes the resting orders the current prices cross. When handling them fails, the orders it
  // took from the index but did not handle are indexed again (from the store) at the next call.
  Status on_market_moved() override;
  Status on_session_closed() override;

  // The number of orders in the index.
  Result<std::size_t> resting_orders();

 private:
  // Whether `order` is already in the store (an update) or new (an insert with orders.created).
  enum class Stored { kYes, kNo };

  Result<Order> process(Order order, Stored stored);
  // REQUIRES: mutex_ is held.
  Status wake_crossed_orders();
  // Fills `quantity` of a marketable order; what is left of an IOC order is then canceled, of
  // a GTC or DAY order rested until the next quote offers more shares.
  Result<Order> fill_then_rest(const Order& order, Price market_price, Quantity quantity,
                               Stored stored);
  Result<Order> execute(const Order& order, Price market_price, Quantity quantity, Stored stored);
  Result<Order> finish(const Order& order, OrderStatus status, std::string reason,
                       std::string_view subject, Stored stored);
  // Writes `after` (and for a new order orders.created with `before`), then `subject` with `fill`
  // unless empty, in one unit. A stored order is written only while it is still open with the
  // fills of `before`; otherwise the order as stored is returned unchanged.
  Result<Order> commit(const Order& before, Order after, Stored stored, std::string_view subject,
                       const std::optional<Fill>& fill);
  Status rest(const Order& order);
  Price fill_price(const Order& order, Price market_price) const;

  OrderStore& orders_;
  RestingOrderIndex& index_;
  MarketData& market_;
  TradingAccounts& accounts_;
  const Clock& clock_;
  IdGenerator& ids_;
  TradingOptions options_;
  std::recursive_mutex mutex_;
  bool index_incomplete_ = false;  // guarded by mutex_: crossed keys were dropped by an error
  Liquidity liquidity_;
};

}  // namespace fafnir
