#include "tests/support/order_store_contract.h"

#include <algorithm>
#include <catch2/catch.hpp>

namespace fafnir {
namespace {

Order order_of(std::string id, std::string user_id, std::int64_t created_second,
               TimeInForce time_in_force = TimeInForce::kGtc) {
  Order order;
  order.id = std::move(id);
  order.user_id = std::move(user_id);
  order.account_id = "acct-" + order.user_id;
  order.symbol = "AAPL";
  order.type = OrderType::kLimit;
  order.time_in_force = time_in_force;
  order.quantity = Quantity::from_micros(3'000'000);
  order.limit_price = Price::from_micros(150'000'000);
  order.reserved_cash = Money::from_micros(450'000'000);
  order.created_at = order.updated_at = Timestamp::from_seconds(created_second);
  return order;
}

Event event_of(std::string id) {
  return Event{std::move(id), "orders.created", R"({"orderId":"x"})", Timestamp{7}};
}

std::vector<std::string> ids_of(const Result<std::vector<Order>>& orders) {
  REQUIRE(orders.ok());
  std::vector<std::string> ids;
  for (const Order& order : *orders) ids.push_back(order.id);
  return ids;
}

std::vector<std::string> pending_ids(Outbox& outbox) {
  Result<std::vector<Event>> pending = outbox.pending(100);
  REQUIRE(pending.ok());
  std::vector<std::string> ids;
  for (const Event& event : *pending) ids.push_back(event.id);
  return ids;
}

std::optional<Order> stored(OrderStore& store, std::string_view id) {
  Result<std::optional<Order>> found = store.find(id);
  REQUIRE(found.ok());
  return *found;
}

Status insert_all(OrderStore& store, const std::vector<Order>& orders) {
  return store.transact([&](OrderTransaction& tx) -> Status {
    for (const Order& order : orders) FAFNIR_RETURN_IF_ERROR(tx.insert(order));
    return Status::Ok();
  });
}

// Runs `work` as one unit, REQUIRE-ing that it commits.
void commit(OrderStore& store, const OrderStore::Work& work) {
  Status status = store.transact(work);
  INFO(status.to_string());
  REQUIRE(status.ok());
}

}  // namespace

void check_order_store_contract(OrderStore& store, Outbox& outbox) {
  // Two orders of ada at the same second (insertion breaks the tie), one DAY order of bob later.
  Order first = order_of("o-1", "ada", 100);
  Order second = order_of("o-2", "ada", 100);
  Order bobs = order_of("o-3", "bob", 200, TimeInForce::kDay);
  commit(store, [&](OrderTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(tx.insert(first));
    return tx.publish(event_of("e-1"));
  });
  REQUIRE(insert_all(store, {second, bobs}).ok());
  CHECK(pending_ids(outbox) == std::vector<std::string>{"e-1"});

  std::optional<Order> found = stored(store, "o-1");
  REQUIRE(found);
  CHECK(found->user_id == "ada");
  CHECK(found->account_id == "acct-ada");
  CHECK(found->type == OrderType::kLimit);
  CHECK(found->quantity == first.quantity);
  CHECK(found->limit_price == first.limit_price);
  CHECK_FALSE(found->stop_price.has_value());
  CHECK(found->reserved_cash == first.reserved_cash);
  CHECK(found->created_at == first.created_at);
  CHECK_FALSE(stored(store, "o-404"));

  // A taken id fails, and the unit it was part of keeps nothing: not its orders, not its events.
  Status duplicate = store.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(tx.insert(order_of("o-4", "ada", 300)));
    FAFNIR_RETURN_IF_ERROR(tx.publish(event_of("e-lost")));
    return tx.insert(order_of("o-1", "ada", 300));
  });
  CHECK(duplicate.code() == ErrorCode::kAlreadyExists);
  CHECK_FALSE(stored(store, "o-4"));
  CHECK(pending_ids(outbox) == std::vector<std::string>{"e-1"});

  Status unknown = store.transact(
      [&](OrderTransaction& tx) { return tx.update(order_of("o-404", "ada", 300)); });
  CHECK(unknown.code() == ErrorCode::kNotFound);

  // An update that fails later in its unit is undone; reads inside the unit see its writes.
  Status abandoned = store.transact([&](OrderTransaction& tx) -> Status {
    Order filled = first;
    filled.status = OrderStatus::kFilled;
    FAFNIR_RETURN_IF_ERROR(tx.update(filled));
    FAFNIR_ASSIGN_OR_RETURN(std::optional<Order> seen, tx.find("o-1"));
    CHECK(seen->status == OrderStatus::kFilled);
    return Status::FailedPrecondition("changed my mind");
  });
  CHECK(abandoned.code() == ErrorCode::kFailedPrecondition);
  CHECK(stored(store, "o-1")->status == OrderStatus::kPending);

  // update() replaces every mutable field.
  Order partial = second;
  partial.status = OrderStatus::kPartialFill;
  partial.stop_triggered = true;
  partial.filled_quantity = Quantity::from_micros(1'000'000);
  partial.average_fill_price = Price::from_micros(149'500'000);
  partial.reserved_cash = Money::from_micros(300'000'000);
  partial.limit_price.reset();
  partial.stop_price = Price::from_micros(140'000'000);
  partial.reject_reason = "why not";
  partial.updated_at = Timestamp::from_seconds(400);
  commit(store, [&](OrderTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(tx.update(partial));
    return tx.publish(event_of("e-2"));
  });
  std::optional<Order> updated = stored(store, "o-2");
  REQUIRE(updated);
  CHECK(updated->status == OrderStatus::kPartialFill);
  CHECK(updated->stop_triggered);
  CHECK(updated->filled_quantity == partial.filled_quantity);
  CHECK(updated->average_fill_price == partial.average_fill_price);
  CHECK(updated->reserved_cash == partial.reserved_cash);
  CHECK_FALSE(updated->limit_price.has_value());
  CHECK(updated->stop_price == partial.stop_price);
  CHECK(updated->reject_reason == "why not");
  CHECK(updated->updated_at == partial.updated_at);
  CHECK(pending_ids(outbox) == std::vector<std::string>{"e-1", "e-2"});

  CHECK(ids_of(store.orders_of("ada")) == std::vector<std::string>{"o-2", "o-1"});  // newest first
  CHECK(ids_of(store.orders_of("nobody")).empty());
  CHECK(ids_of(store.open_orders()) == std::vector<std::string>{"o-1", "o-2", "o-3"});
  CHECK(ids_of(store.open_day_orders()) == std::vector<std::string>{"o-3"});

  Order done = first;
  done.status = OrderStatus::kFilled;
  commit(store, [&](OrderTransaction& tx) { return tx.update(done); });
  CHECK(ids_of(store.open_orders()) == std::vector<std::string>{"o-2", "o-3"});
  Result<std::vector<std::pair<OrderStatus, std::int64_t>>> counts = store.count_by_status();
  REQUIRE(counts.ok());
  std::vector<std::pair<OrderStatus, std::int64_t>> sorted = *counts;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<std::pair<OrderStatus, std::int64_t>>{{OrderStatus::kPending, 1},
                                                                    {OrderStatus::kPartialFill, 1},
                                                                    {OrderStatus::kFilled, 1}});

  REQUIRE(store.delete_user("ada").ok());
  CHECK(ids_of(store.orders_of("ada")).empty());
  CHECK_FALSE(stored(store, "o-1"));
  CHECK(ids_of(store.open_orders()) == std::vector<std::string>{"o-3"});
  REQUIRE(store.delete_user("nobody").ok());

  // The relay forgets what it published; unknown ids are ignored.
  REQUIRE(outbox.remove({"e-1", "e-unknown"}).ok());
  CHECK(pending_ids(outbox) == std::vector<std::string>{"e-2"});
  REQUIRE(outbox.remove({"e-2"}).ok());
  CHECK(pending_ids(outbox).empty());
}

}  // namespace fafnir
