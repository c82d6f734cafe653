#include "core/engine/trade_engine.h"

#include <algorithm>

#include "core/order/order_events.h"

namespace fafnir {
namespace {

constexpr std::int64_t kCent = 10'000;
constexpr std::int64_t kBasisPointsPerUnit = 10'000;

bool stop_crossed(const Order& order, Price price) {
  return order.side == OrderSide::kBuy ? price >= *order.stop_price : price <= *order.stop_price;
}

bool within_limit(const Order& order, Price price) {
  return order.side == OrderSide::kBuy ? price <= *order.limit_price : price >= *order.limit_price;
}

bool has_stop(const Order& order) {
  return order.type == OrderType::kStop || order.type == OrderType::kStopLimit;
}

bool has_limit(const Order& order) {
  return order.type == OrderType::kLimit || order.type == OrderType::kStopLimit;
}

// The trigger that wakes a resting order, and which way the price must go to reach it.
std::pair<TriggerDirection, Price> wake_condition(const Order& order) {
  bool buy = order.side == OrderSide::kBuy;
  if (has_stop(order) && !order.stop_triggered) {
    return {buy ? TriggerDirection::kAtOrAbove : TriggerDirection::kAtOrBelow, *order.stop_price};
  }
  if (has_limit(order)) {
    return {buy ? TriggerDirection::kAtOrBelow : TriggerDirection::kAtOrAbove, *order.limit_price};
  }
  return {TriggerDirection::kAtOrAbove, Price()};  // market: any price, once the market is open
}

std::int64_t round_to_cent(std::int64_t micros, bool up) {
  std::int64_t remainder = micros % kCent;
  if (remainder == 0) return micros;
  return up ? micros - remainder + kCent : micros - remainder;
}

}  // namespace

Price TradeEngine::fill_price(const Order& order, Price market_price) const {
  Price price = market_price;
  if (options_.slippage_bps != 0) {
    bool buy = order.side == OrderSide::kBuy;
    std::int64_t factor = kBasisPointsPerUnit + (buy ? options_.slippage_bps : -options_.slippage_bps);
    __extension__ __int128 scaled =
        static_cast<__int128>(market_price.micros()) * factor / kBasisPointsPerUnit;
    price = Price::from_micros(round_to_cent(static_cast<std::int64_t>(scaled), buy));
  }
  if (has_limit(order)) {
    price = order.side == OrderSide::kBuy ? std::min(price, *order.limit_price)
                                          : std::max(price, *order.limit_price);
  }
  return price;
}

Result<Money> TradeEngine::cash_to_reserve(const Order& order) {
  if (order.side == OrderSide::kSell) return Money();
  Price worst;
  if (has_limit(order)) {
    worst = *order.limit_price;
  } else {
    FAFNIR_ASSIGN_OR_RETURN(Price current, market_.last_price(order.symbol));
    if (order.type == OrderType::kStop) current = std::max(current, *order.stop_price);
    worst = fill_price(order, current);
  }
  FAFNIR_ASSIGN_OR_RETURN(Price rate, market_.fx_rate(order.currency, order.account_currency));
  FAFNIR_ASSIGN_OR_RETURN(Money value, checked_notional(worst, order.quantity));
  FAFNIR_ASSIGN_OR_RETURN(Money converted, checked_convert(value, rate));
  return converted.checked_add(options_.commission_per_fill);
}

Status TradeEngine::rebuild() {
  std::lock_guard lock(mutex_);
  index_ = TriggerIndex();
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> open, orders_.open_orders());
  for (Order& order : open) FAFNIR_RETURN_IF_ERROR(process(std::move(order)).status());
  return Status::Ok();
}

Result<Order> TradeEngine::submit(const Order& order) {
  std::lock_guard lock(mutex_);
  return process(order);
}

void TradeEngine::forget(std::string_view order_id) {
  std::lock_guard lock(mutex_);
  if (std::optional<OrderKey> key = OrderKey::from_uuid(order_id)) index_.remove(*key);
}

std::size_t TradeEngine::resting_orders() {
  std::lock_guard lock(mutex_);
  return index_.size();
}

Result<Order> TradeEngine::process(Order order) {
  if (!is_open(order.status)) return order;
  bool open_market = market_.market_state() == MarketState::kRegular;
  FAFNIR_ASSIGN_OR_RETURN(Price price, market_.last_price(order.symbol));

  bool newly_triggered = false;
  if (has_stop(order) && !order.stop_triggered && open_market && stop_crossed(order, price)) {
    order.stop_triggered = newly_triggered = true;
  }
  bool waiting_for_stop = has_stop(order) && !order.stop_triggered;
  bool marketable = open_market && !waiting_for_stop && (!has_limit(order) || within_limit(order, price));
  if (marketable) return execute(std::move(order), price);

  if (order.time_in_force == TimeInForce::kIoc || order.time_in_force == TimeInForce::kFok) {
    std::string reason = std::string(time_in_force_name(order.time_in_force)) +
                         " order could not be filled immediately";
    return finish(std::move(order), OrderStatus::kCanceled, std::move(reason),
                  subjects::kOrdersCancelled);
  }
  if (newly_triggered) {
    order.updated_at = clock_.now();
    FAFNIR_RETURN_IF_ERROR(orders_.transact([&](OrderTransaction& tx) { return tx.update(order); }));
  }
  rest(order);
  return order;
}

void TradeEngine::rest(const Order& order) {
  std::optional<OrderKey> key = OrderKey::from_uuid(order.id);
  if (!key) return;
  index_.remove(*key);
  auto [direction, trigger] = wake_condition(order);
  index_.add(order.symbol, direction, trigger, *key);
}

Result<Order> TradeEngine::execute(Order order, Price market_price) {
  Price price = fill_price(order, market_price);
  Quantity quantity = order.remaining_quantity();
  FAFNIR_ASSIGN_OR_RETURN(Price rate, market_.fx_rate(order.currency, order.account_currency));
  FAFNIR_ASSIGN_OR_RETURN(Money value, checked_notional(price, quantity));
  FAFNIR_ASSIGN_OR_RETURN(Money amount, checked_convert(value, rate));
  Money commission = options_.commission_per_fill;
  if (order.side == OrderSide::kBuy) {
    FAFNIR_ASSIGN_OR_RETURN(ReservationOutcome covered, accounts_.cover(order, amount + commission));
    if (!covered.accepted) {
      return finish(std::move(order), OrderStatus::kCanceled,
                    covered.reason + " at the fill price " + price.format(),
                    subjects::kOrdersCancelled);
    }
  }
  Timestamp now = clock_.now();
  Fill fill{ids_.next(), quantity, price, rate, amount, commission, now};
  Quantity filled_before = order.filled_quantity;
  Money paid = notional(order.average_fill_price, filled_before) + value;
  order.filled_quantity += quantity;
  order.average_fill_price = unit_price(paid, order.filled_quantity);
  order.status = order.remaining_quantity().is_zero() ? OrderStatus::kFilled
                                                      : OrderStatus::kPartialFill;
  order.updated_at = now;

  std::optional<Order> current;
  FAFNIR_RETURN_IF_ERROR(orders_.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(current, tx.find(order.id));
    if (!current || !is_open(current->status) || current->filled_quantity != filled_before) {
      return Status::Ok();  // canceled or filled meanwhile: nothing to do
    }
    current = order;
    FAFNIR_RETURN_IF_ERROR(tx.update(order));
    return tx.publish(OrderEvent{order, fill}.to_event(ids_.next(), subjects::kOrdersFilled));
  }));
  if (!current) return Status::NotFound("order " + order.id + " disappeared while filling");
  return *current;
}

Result<Order> TradeEngine::finish(Order order, OrderStatus status, std::string reason,
                                  std::string_view subject) {
  std::optional<Order> current;
  FAFNIR_RETURN_IF_ERROR(orders_.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(current, tx.find(order.id));
    if (!current || !is_open(current->status)) return Status::Ok();
    current->status = status;
    current->reject_reason = std::move(reason);
    current->stop_triggered = order.stop_triggered;
    current->updated_at = clock_.now();
    FAFNIR_RETURN_IF_ERROR(tx.update(*current));
    return tx.publish(OrderEvent{*current, std::nullopt}.to_event(ids_.next(), subject));
  }));
  if (!current) return Status::NotFound("order " + order.id + " disappeared");
  if (std::optional<OrderKey> key = OrderKey::from_uuid(order.id)) index_.remove(*key);
  return *current;
}

Status TradeEngine::on_market_moved() {
  std::lock_guard lock(mutex_);
  if (market_.market_state() != MarketState::kRegular) return Status::Ok();
  for (const std::string& symbol : index_.symbols()) {
    FAFNIR_ASSIGN_OR_RETURN(Price price, market_.last_price(symbol));
    for (const OrderKey& key : index_.take_crossed(symbol, price)) {
      FAFNIR_ASSIGN_OR_RETURN(std::optional<Order> order, orders_.find(key.to_uuid()));
      if (order) FAFNIR_RETURN_IF_ERROR(process(std::move(*order)).status());
    }
  }
  return Status::Ok();
}

Status TradeEngine::on_session_closed() {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> day_orders, orders_.open_day_orders());
  for (Order& order : day_orders) {
    FAFNIR_RETURN_IF_ERROR(finish(std::move(order), OrderStatus::kExpired,
                                  "DAY order expired at the close", subjects::kOrdersExpired)
                               .status());
  }
  return Status::Ok();
}

}  // namespace fafnir
