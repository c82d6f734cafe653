#include "core/order/order_events.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace fafnir {
namespace {

Order sample_order() {
  Order order;
  order.id = "5f0c2a1e-8d3b-4c7a-9e21-0a1b2c3d4e5f";
  order.user_id = "0b7e6f5d-4c3b-4a29-8817-263544536271";
  order.account_id = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d";
  order.symbol = "SHOP.TO";
  order.side = OrderSide::kSell;
  order.type = OrderType::kStopLimit;
  order.time_in_force = TimeInForce::kDay;
  order.status = OrderStatus::kPartialFill;
  order.quantity = *Quantity::parse("12.5");
  order.limit_price = *Price::parse("101.25");
  order.stop_price = *Price::parse("102.000001");
  order.stop_triggered = true;
  order.filled_quantity = *Quantity::parse("2.5");
  order.average_fill_price = *Price::parse("101.3");
  order.currency = Currency::kCad;
  order.account_currency = Currency::kUsd;
  order.reserved_cash = *Money::parse("0.000001");
  order.reject_reason = "said \"no\" \\ caf\xc3\xa9 \x01";
  order.created_at = *parse_rfc3339("2026-01-05T15:00:00.123Z");
  order.updated_at = *parse_rfc3339("2026-01-05T15:00:01Z");
  return order;
}

Fill sample_fill() {
  return Fill{"c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
              *Quantity::parse("2.5"),
              *Price::parse("101.3"),
              *Price::parse("0.723456"),
              *Money::parse("183.21"),
              *Money::parse("1.99"),
              *parse_rfc3339("2026-01-05T15:00:01Z")};
}

// The event as another process reads it: JSON text only.
Event as_text(const Event& event) {
  return Event{event.id, event.subject, event.json(), event.occurred_at};
}

TEST_CASE("an order event's JSON text reads back as the same order and fill", "[orders][events]") {
  Event event = OrderEvent{sample_order(), sample_fill()}.to_event("e1", subjects::kOrdersFilled);
  Result<std::shared_ptr<const OrderEvent>> decoded = OrderEvent::from_event(as_text(event));
  REQUIRE(decoded.ok());
  const Order& order = (*decoded)->order;
  const Order expected = sample_order();
  CHECK(order.id == expected.id);
  CHECK(order.user_id == expected.user_id);
  CHECK(order.account_id == expected.account_id);
  CHECK(order.symbol == expected.symbol);
  CHECK(order.side == expected.side);
  CHECK(order.type == expected.type);
  CHECK(order.time_in_force == expected.time_in_force);
  CHECK(order.status == expected.status);
  CHECK(order.quantity == expected.quantity);
  CHECK(order.limit_price == expected.limit_price);
  CHECK(order.stop_price == expected.stop_price);
  CHECK(order.stop_triggered);
  CHECK(order.filled_quantity == expected.filled_quantity);
  CHECK(order.average_fill_price == expected.average_fill_price);
  CHECK(order.currency == Currency::kCad);
  CHECK(order.account_currency == Currency::kUsd);
  CHECK(order.reserved_cash == expected.reserved_cash);
  CHECK(order.reject_reason == expected.reject_reason);
  CHECK(order.created_at == expected.created_at);
  CHECK(order.updated_at == expected.updated_at);
  REQUIRE((*decoded)->fill.has_value());
  const Fill& fill = *(*decoded)->fill;
  const Fill expected_fill = sample_fill();
  CHECK(fill.id == expected_fill.id);
  CHECK(fill.quantity == expected_fill.quantity);
  CHECK(fill.price == expected_fill.price);
  CHECK(fill.fx_rate == expected_fill.fx_rate);
  CHECK(fill.settlement_amount == expected_fill.settlement_amount);
  CHECK(fill.commission == expected_fill.commission);
  CHECK(fill.executed_at == expected_fill.executed_at);
}

TEST_CASE("order event payloads are compact JSON with members in alphabetical order",
          "[orders][events]") {
  // The form every earlier version wrote (nlohmann's dump of an object), so stored events and
  // other nodes' payloads compare equal byte for byte.
  Order market = sample_order();
  market.limit_price.reset();
  market.stop_price.reset();
  market.reject_reason.clear();
  for (const Event& event :
       {OrderEvent{sample_order(), sample_fill()}.to_event("e1", subjects::kOrdersFilled),
        OrderEvent{market, std::nullopt}.to_event("e2", subjects::kOrdersCreated)}) {
    const std::string text = event.json();
    nlohmann::json parsed = nlohmann::json::parse(text);
    CHECK(parsed.dump() == text);
    CHECK(parsed.contains("fill") == (event.id == "e1"));
    CHECK(parsed.contains("price") == (event.id == "e1"));
  }
}

TEST_CASE("an order event whose JSON text lacks a field is refused, naming it",
          "[orders][events]") {
  Event event = OrderEvent{sample_order(), std::nullopt}.to_event("e1", subjects::kOrdersCreated);
  nlohmann::json payload = nlohmann::json::parse(event.json());
  payload.erase("symbol");
  Result<std::shared_ptr<const OrderEvent>> decoded =
      OrderEvent::from_event(Event{event.id, event.subject, payload.dump(), event.occurred_at});
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().message().find("'symbol'") != std::string::npos);
}

}  // namespace
}  // namespace fafnir
