#pragma once

#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/id_generator.h"
#include "core/engine/trade_engine.h"
#include "core/events/event_stream.h"
#include "core/order/order_request.h"
#include "core/order/order_store.h"
#include "core/portfolio/trading_accounts.h"
#include "core/stock/market_data.h"

namespace fafnir {

// Placing, canceling and reading orders. Placement reserves the order's cash or shares in the
// settling INVESTMENT account, then has the trade engine store it with orders.created and fill,
// rest or cancel it; a refused order is stored REJECTED with orders.rejected and its reason.
// A crash between reserving and storing leaves a reservation without an order, which
// PortfolioService::release_orphaned_reservations() returns on the next start. Thread-safe.
class OrderService {
 public:
  // Borrows everything; all must outlive the service.
  OrderService(OrderStore& store, MarketData& market, TradingAccounts& accounts,
               TradeEngine& engine, const Clock& clock, IdGenerator& ids)
      : store_(store),
        market_(market),
        accounts_(accounts),
        engine_(engine),
        clock_(clock),
        ids_(ids) {}

  // The order after the engine handled it (FILLED, PENDING, CANCELED, or REJECTED with a reason
  // such as "insufficient funds", "insufficient holdings", "no investment account", "instrument
  // not tradable"). InvalidArgument for malformed requests and NotFound for unknown symbols, with
  // nothing stored.
  Result<Order> place(std::string_view user_id, const OrderRequest& request);

  // Only the owner, only while PENDING or PARTIAL_FILL (FailedPrecondition otherwise).
  Result<Order> cancel(std::string_view user_id, std::string_view order_id);

  // NotFound for another user's order.
  Result<Order> order(std::string_view user_id, std::string_view order_id);
  // Newest first.
  Result<std::vector<Order>> orders(std::string_view user_id);

  // How many orders there are in each status (statuses with none are left out).
  Result<std::vector<std::pair<OrderStatus, std::int64_t>>> count_by_status() {
    return store_.count_by_status();
  }

  // True when the order exists (in any status).
  Result<bool> exists(std::string_view order_id);

  // Consumer of users.deleted: removes the user's orders.
  Disposition on_event(const Delivery& delivery);

 private:
  Result<Order> reject(Order order, std::string reason);

  OrderStore& store_;
  MarketData& market_;
  TradingAccounts& accounts_;
  TradeEngine& engine_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace fafnir
