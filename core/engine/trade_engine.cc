#include "core/engine/trade_engine.h"

#include <algorithm>

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
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> open, orders_.open_orders());
  for (Order& order : open) FAFNIR_RETURN_IF_ERROR(process(std::move(order), Stored::kYes).status());
  return Status::Ok();
}

Result<Order> TradeEngine::accept(Order order) {
  FAFNIR_ASSIGN_OR_RETURN(Order accepted, process(std::move(order), Stored::kNo));
  if (!is_open(accepted.status)) return accepted;
  // The order was decided and stored outside the lock; a price move in between did not see it
  // in the index, so look at it once more now that it is there.
  std::lock_guard lock(mutex_);
  return process(std::move(accepted), Stored::kYes);
}

Status TradeEngine::forget(std::string_view order_id) {
  std::optional<OrderKey> key = OrderKey::from_uuid(order_id);
  if (!key) return Status::Ok();
  std::lock_guard lock(mutex_);
  return index_.remove(*key).status();
}

Result<std::size_t> TradeEngine::resting_orders() {
  std::lock_guard lock(mutex_);
  return index_.size();
}

Result<Order> TradeEngine::process(Order order, Stored stored) {
  if (!is_open(order.status)) return order;
  bool open_market = market_.market_state() == MarketState::kRegular;
  FAFNIR_ASSIGN_OR_RETURN(Price price, market_.last_price(order.symbol));

  Order before = order;
  if (has_stop(order) && !order.stop_triggered && open_market && stop_crossed(order, price)) {
    order.stop_triggered = true;
    order.updated_at = clock_.now();
  }
  bool waiting_for_stop = has_stop(order) && !order.stop_triggered;
  bool marketable =
      open_market && !waiting_for_stop && (!has_limit(order) || within_limit(order, price));
  bool all_or_none = order.time_in_force == TimeInForce::kFok;
  if (marketable) {
    Quantity available = liquidity_.take(order.symbol, price, clock_.now(),
                                         order.remaining_quantity(), all_or_none);
    if (available.is_positive()) return fill_then_rest(order, price, available, stored);
  }

  if (order.time_in_force == TimeInForce::kIoc || all_or_none) {
    std::string reason = std::string(time_in_force_name(order.time_in_force)) +
                         (marketable && all_or_none ? " order could not be filled entirely now"
                                                    : " order could not be filled immediately");
    return finish(order, OrderStatus::kCanceled, std::move(reason), subjects::kOrdersCancelled,
                  stored);
  }
  if (stored == Stored::kNo || order.stop_triggered != before.stop_triggered) {
    FAFNIR_ASSIGN_OR_RETURN(order, commit(before, std::move(order), stored, {}, std::nullopt));
  }
  if (is_open(order.status)) FAFNIR_RETURN_IF_ERROR(rest(order));
  return order;
}

Status TradeEngine::rest(const Order& order) {
  std::optional<OrderKey> key = OrderKey::from_uuid(order.id);
  if (!key) return Status::Internal("order id " + order.id + " is not a UUID; it cannot rest");
  auto [direction, trigger] = wake_condition(order);
  std::lock_guard lock(mutex_);
  return index_.add(order.symbol, direction, trigger, *key);
}

Result<Order> TradeEngine::fill_then_rest(const Order& order, Price market_price,
                                          Quantity quantity, Stored stored) {
  FAFNIR_ASSIGN_OR_RETURN(Order filled, execute(order, market_price, quantity, stored));
  if (!is_open(filled.status)) return filled;
  if (filled.time_in_force == TimeInForce::kIoc) {
    return finish(filled, OrderStatus::kCanceled,
                  "IOC order filled " + filled.filled_quantity.format(0) +
                      "; the rest could not be filled immediately",
                  subjects::kOrdersCancelled, Stored::kYes);
  }
  FAFNIR_RETURN_IF_ERROR(rest(filled));
  return filled;
}

Result<Order> TradeEngine::execute(const Order& order, Price market_price, Quantity quantity,
                                   Stored stored) {
  Price price = fill_price(order, market_price);
  FAFNIR_ASSIGN_OR_RETURN(Price rate, market_.fx_rate(order.currency, order.account_currency));
  FAFNIR_ASSIGN_OR_RETURN(Money value, checked_notional(price, quantity));
  FAFNIR_ASSIGN_OR_RETURN(Money amount, checked_convert(value, rate));
  Money commission = options_.commission_per_fill;
  Order after = order;
  if (order.side == OrderSide::kBuy) {
    Money cost = amount + commission;
    if (cost > order.reserved_cash) {
      FAFNIR_ASSIGN_OR_RETURN(ReservationOutcome covered, accounts_.cover(order, cost));
      if (!covered.accepted) {
        return finish(order, OrderStatus::kCanceled,
                      covered.reason + " at the fill price " + price.format(),
                      subjects::kOrdersCancelled, stored);
      }
      after.reserved_cash = cost;
    }
    after.reserved_cash -= cost;
  }
  Timestamp now = clock_.now();
  Fill fill{ids_.next(), quantity, price, rate, amount, commission, now};
  Money paid = notional(order.average_fill_price, order.filled_quantity) + value;
  after.filled_quantity += quantity;
  after.average_fill_price = unit_price(paid, after.filled_quantity);
  after.status = after.remaining_quantity().is_zero() ? OrderStatus::kFilled
                                                      : OrderStatus::kPartialFill;
  if (after.status == OrderStatus::kFilled) after.reserved_cash = Money();  // released on settling
  after.updated_at = now;
  return commit(order, std::move(after), stored, subjects::kOrdersFilled, fill);
}

Result<Order> TradeEngine::finish(const Order& order, OrderStatus status, std::string reason,
                                  std::string_view subject, Stored stored) {
  Order after = order;
  after.status = status;
  after.reject_reason = std::move(reason);
  after.updated_at = clock_.now();
  if (stored == Stored::kYes) FAFNIR_RETURN_IF_ERROR(forget(order.id));
  return commit(order, std::move(after), stored, subject, std::nullopt);
}

Result<Order> TradeEngine::commit(const Order& before, Order after, Stored stored,
                                  std::string_view subject, const std::optional<Fill>& fill) {
  std::optional<Order> stored_instead;  // the order as stored, when it changed meanwhile
  bool written = false;
  FAFNIR_RETURN_IF_ERROR(orders_.transact([&](OrderTransaction& tx) -> Status {
    if (stored == Stored::kYes) {
      FAFNIR_ASSIGN_OR_RETURN(stored_instead, tx.find(after.id));
      if (!stored_instead || !is_open(stored_instead->status) ||
          stored_instead->filled_quantity != before.filled_quantity) {
        return Status::Ok();  // canceled, expired or filled meanwhile
      }
      FAFNIR_RETURN_IF_ERROR(tx.update(after));
    } else {
      FAFNIR_RETURN_IF_ERROR(tx.insert(after));
      FAFNIR_RETURN_IF_ERROR(tx.publish(
          OrderEvent{before, std::nullopt}.to_event(ids_.next(), subjects::kOrdersCreated)));
    }
    written = true;
    if (subject.empty()) return Status::Ok();
    return tx.publish(OrderEvent{after, fill}.to_event(ids_.next(), subject));
  }));
  if (written) return after;
  if (!stored_instead) return Status::NotFound("order " + after.id + " no longer exists");
  return std::move(*stored_instead);
}

Status TradeEngine::on_market_moved() {
  std::lock_guard lock(mutex_);
  if (market_.market_state() != MarketState::kRegular) return Status::Ok();
  if (index_incomplete_) {
    FAFNIR_RETURN_IF_ERROR(rebuild());
    index_incomplete_ = false;
  }
  Status woken = wake_crossed_orders();
  // Keys taken out of the index but not handled would be lost; the next move re-indexes them.
  if (!woken.ok()) index_incomplete_ = true;
  return woken;
}

Status TradeEngine::wake_crossed_orders() {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<std::string> symbols, index_.symbols());
  for (const std::string& symbol : symbols) {
    FAFNIR_ASSIGN_OR_RETURN(Price price, market_.last_price(symbol));
    FAFNIR_ASSIGN_OR_RETURN(std::vector<OrderKey> crossed, index_.take_crossed(symbol, price));
    for (const OrderKey& key : crossed) {
      FAFNIR_ASSIGN_OR_RETURN(std::optional<Order> order, orders_.find(key.to_uuid()));
      if (order) FAFNIR_RETURN_IF_ERROR(process(std::move(*order), Stored::kYes).status());
    }
  }
  return Status::Ok();
}

Status TradeEngine::on_session_closed() {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> day_orders, orders_.open_day_orders());
  for (const Order& order : day_orders) {
    FAFNIR_RETURN_IF_ERROR(finish(order, OrderStatus::kExpired, "DAY order expired at the close",
                                  subjects::kOrdersExpired, Stored::kYes)
                               .status());
  }
  return Status::Ok();
}

}  // namespace fafnir
