#include "core/order/order_service.h"

#include "core/events/user_event_consumer.h"
#include "core/order/order_events.h"

namespace fafnir {

Result<Order> OrderService::place(std::string_view user_id, const OrderRequest& request) {
  FAFNIR_RETURN_IF_ERROR(validate_order_request(request));
  FAFNIR_ASSIGN_OR_RETURN(const Instrument* found, market_.instrument(request.symbol));
  const Instrument& instrument = *found;
  Order order;
  order.id = ids_.next();
  order.user_id = std::string(user_id);
  order.symbol = instrument.symbol;
  order.side = request.side;
  order.type = request.type;
  order.time_in_force = request.time_in_force;
  order.quantity = request.quantity;
  order.limit_price = request.limit_price;
  order.stop_price = request.stop_price;
  order.currency = instrument.currency;
  order.created_at = order.updated_at = clock_.now();

  if (!instrument.tradable()) return reject(std::move(order), "instrument not tradable");
  Result<Account> account = accounts_.settlement_account(user_id, instrument.currency);
  if (!account.ok()) {
    if (account.status().code() != ErrorCode::kNotFound) return account.status();
    return reject(std::move(order), "no investment account");
  }
  order.account_id = account->id;
  order.account_currency = account->currency;
  FAFNIR_ASSIGN_OR_RETURN(Money cash, engine_.cash_to_reserve(order));
  FAFNIR_ASSIGN_OR_RETURN(ReservationOutcome reserved, accounts_.reserve(order, cash));
  if (!reserved.accepted) return reject(std::move(order), std::move(reserved.reason));
  order.reserved_cash = cash;
  return engine_.accept(std::move(order));
}

Result<Order> OrderService::reject(Order order, std::string reason) {
  order.status = OrderStatus::kRejected;
  order.reject_reason = std::move(reason);
  FAFNIR_RETURN_IF_ERROR(store_.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(tx.insert(order));
    return tx.publish(
        OrderEvent{order, std::nullopt}.to_event(ids_.next(), subjects::kOrdersRejected));
  }));
  return order;
}

Result<Order> OrderService::cancel(std::string_view user_id, std::string_view order_id) {
  Order canceled;
  FAFNIR_RETURN_IF_ERROR(store_.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<Order> found, tx.find(order_id));
    if (!found || found->user_id != user_id) {
      return Status::NotFound("no order " + std::string(order_id));
    }
    if (!is_open(found->status)) {
      return Status::FailedPrecondition("order is " +
                                        std::string(order_status_name(found->status)) +
                                        "; only PENDING or PARTIAL_FILL orders can be canceled");
    }
    canceled = *found;
    canceled.status = OrderStatus::kCanceled;
    canceled.reject_reason.clear();
    canceled.updated_at = clock_.now();
    FAFNIR_RETURN_IF_ERROR(tx.update(canceled));
    return tx.publish(
        OrderEvent{canceled, std::nullopt}.to_event(ids_.next(), subjects::kOrdersCancelled));
  }));
  // The cancel is committed either way; a key the index failed to drop is skipped when it wakes.
  static_cast<void>(engine_.forget(canceled.id));
  return canceled;
}

Result<Order> OrderService::order(std::string_view user_id, std::string_view order_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Order> found, store_.find(order_id));
  if (!found || found->user_id != user_id) {
    return Status::NotFound("no order " + std::string(order_id));
  }
  return std::move(*found);
}

Result<std::vector<Order>> OrderService::orders(std::string_view user_id) {
  return store_.orders_of(user_id);
}

Result<bool> OrderService::exists(std::string_view order_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Order> found, store_.find(order_id));
  return found.has_value();
}

Disposition OrderService::on_event(const Delivery& delivery) {
  return apply_user_event(
      delivery.event,
      {[](const UserRegistered&) { return Status::Ok(); },
       [&](const UserDeleted& user) { return store_.delete_user(user.user_id); }});
}

}  // namespace fafnir
