#include "core/order/order_service.h"

#include "core/events/user_event_consumer.h"
#include "core/order/order_events.h"

namespace fafnir {

Result<Order> OrderService::place(std::string_view user_id, const OrderRequest& request) {
  FAFNIR_RETURN_IF_ERROR(validate_order_request(request));
  FAFNIR_ASSIGN_OR_RETURN(Instrument instrument, market_.instrument(request.symbol));
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

  std::string rejection;
  if (!instrument.tradable()) {
    rejection = "instrument not tradable";
  } else {
    Result<Account> account = accounts_.settlement_account(user_id, instrument.currency);
    if (account.ok()) {
      order.account_id = account->id;
      order.account_currency = account->currency;
    } else if (account.status().code() == ErrorCode::kNotFound) {
      rejection = "no investment account";
    } else {
      return account.status();
    }
  }
  if (rejection.empty()) {
    FAFNIR_RETURN_IF_ERROR(engine_.cash_to_reserve(order).status());
  } else {
    order.status = OrderStatus::kRejected;
    order.reject_reason = std::move(rejection);
    order.placed = true;
  }
  FAFNIR_RETURN_IF_ERROR(store_.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(tx.insert(order));
    if (!order.placed) return Status::Ok();
    return tx.publish(OrderEvent{order, std::nullopt}.to_event(ids_.next(), subjects::kOrdersRejected));
  }));
  if (order.placed) return order;
  return complete_placement(std::move(order));
}

Result<Order> OrderService::complete_placement(Order order) {
  Result<Money> cash = engine_.cash_to_reserve(order);
  if (!cash.ok()) {
    return decide(std::move(order), OrderStatus::kRejected, cash.status().message(),
                  subjects::kOrdersRejected);
  }
  FAFNIR_ASSIGN_OR_RETURN(ReservationOutcome reserved, accounts_.reserve(order, *cash));
  if (!reserved.accepted) {
    return decide(std::move(order), OrderStatus::kRejected, reserved.reason,
                  subjects::kOrdersRejected);
  }
  FAFNIR_ASSIGN_OR_RETURN(Order placed,
                          decide(std::move(order), OrderStatus::kPending, "", subjects::kOrdersCreated));
  return engine_.submit(placed);
}

Result<Order> OrderService::decide(Order order, OrderStatus status, std::string reason,
                                   std::string_view subject) {
  std::optional<Order> current;
  FAFNIR_RETURN_IF_ERROR(store_.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(current, tx.find(order.id));
    if (!current || current->placed) return Status::Ok();
    current->status = status;
    current->reject_reason = std::move(reason);
    current->placed = true;
    current->updated_at = clock_.now();
    FAFNIR_RETURN_IF_ERROR(tx.update(*current));
    return tx.publish(OrderEvent{*current, std::nullopt}.to_event(ids_.next(), subject));
  }));
  if (!current) return Status::NotFound("order " + order.id + " disappeared while being placed");
  return *current;
}

Result<Order> OrderService::cancel(std::string_view user_id, std::string_view order_id) {
  Order canceled;
  FAFNIR_RETURN_IF_ERROR(store_.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<Order> found, tx.find(order_id));
    if (!found || found->user_id != user_id) {
      return Status::NotFound("no order " + std::string(order_id));
    }
    if (!is_open(found->status) || !found->placed) {
      return Status::FailedPrecondition(
          "order is " + std::string(order_status_name(found->status)) +
          (found->placed ? "" : " and still being placed") +
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
  engine_.forget(canceled.id);
  return canceled;
}

Result<Order> OrderService::order(std::string_view user_id, std::string_view order_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Order> found, store_.find(order_id));
  if (!found || found->user_id != user_id) {
    return Status::NotFound("no order " + std::string(order_id));
  }
  return *found;
}

Result<std::vector<Order>> OrderService::orders(std::string_view user_id) {
  return store_.orders_of(user_id);
}

Status OrderService::recover() {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> unplaced, store_.unplaced_orders());
  for (Order& order : unplaced) {
    FAFNIR_RETURN_IF_ERROR(complete_placement(std::move(order)).status());
  }
  return Status::Ok();
}

Disposition OrderService::on_event(const Delivery& delivery) {
  return apply_user_event(
      delivery.event,
      {[](const UserRegistered&) { return Status::Ok(); },
       [&](const UserDeleted& user) { return store_.delete_user(user.user_id); }});
}

}  // namespace fafnir
