#include "core/order/order_events.h"

#include <nlohmann/json.hpp>

#include "core/common/json_writer.h"

namespace fafnir {
namespace {

using nlohmann::json;

template <typename T>
std::string exact(T value) {
  return value.format(6);
}

// Reads fields of a payload, remembering the first problem.
class PayloadReader {
 public:
  explicit PayloadReader(const json& payload) : payload_(payload) {}

  std::string text(const char* field, bool required = true) {
    auto it = payload_.find(field);
    if (it != payload_.end() && it->is_string()) return it->get<std::string>();
    if (required) fail(field);
    return {};
  }
  template <typename T>
  T decimal(const char* field) {
    Result<T> value = T::parse(text(field));
    if (!value.ok()) fail(field);
    return value.ok() ? *value : T();
  }
  Timestamp time(const char* field) {
    Result<Timestamp> value = parse_rfc3339(text(field));
    if (!value.ok()) fail(field);
    return value.ok() ? *value : Timestamp();
  }
  template <typename Enum>
  Enum name(const char* field, Result<Enum> (*parse)(std::string_view)) {
    Result<Enum> value = parse(text(field));
    if (!value.ok()) fail(field);
    return value.ok() ? *value : Enum();
  }
  bool flag(const char* field) {
    auto it = payload_.find(field);
    if (it != payload_.end() && it->is_boolean()) return it->get<bool>();
    fail(field);
    return false;
  }
  const Status& status() const { return status_; }

 private:
  void fail(const char* field) {
    if (status_.ok()) {
      status_ = Status::InvalidArgument(std::string("order event field '") + field +
                                        "' is missing or malformed");
    }
  }

  const json& payload_;
  Status status_;
};

// Members in alphabetical order, as the payloads have always been written.
std::string encode(const OrderEvent& event) {
  const Order& order = event.order;
  std::string payload;
  payload.reserve(640);
  JsonObjectWriter object(&payload);
  object.text("accountCurrency", currency_code(order.account_currency))
      .text("accountId", order.account_id)
      .text("avgFillPrice", exact(order.average_fill_price))
      .text("createdAt", format_rfc3339(order.created_at))
      .text("currency", currency_code(order.currency));
  if (const std::optional<Fill>& fill = event.fill) {
    object.object("fill")
        .text("commission", exact(fill->commission))
        .text("executedAt", format_rfc3339(fill->executed_at))
        .text("fillId", fill->id)
        .text("fxRate", exact(fill->fx_rate))
        .text("price", exact(fill->price))
        .text("quantity", exact(fill->quantity))
        .text("settlementAmount", exact(fill->settlement_amount))
        .text("settlementCurrency", currency_code(order.account_currency))
        .close();
  }
  object.text("filledQuantity", exact(order.filled_quantity)).text("orderId", order.id);
  if (order.limit_price) object.text("price", exact(*order.limit_price));
  object.text("quantity", exact(order.quantity))
      .text("reason", order.reject_reason)
      .text("reservedCash", exact(order.reserved_cash))
      .text("side", order_side_name(order.side))
      .text("status", order_status_name(order.status));
  if (order.stop_price) object.text("stopPrice", exact(*order.stop_price));
  object.flag("stopTriggered", order.stop_triggered)
      .text("symbol", order.symbol)
      .text("timeInForce", time_in_force_name(order.time_in_force))
      .text("type", order_type_name(order.type))
      .text("updatedAt", format_rfc3339(order.updated_at))
      .text("userId", order.user_id)
      .close();
  return payload;
}

class OrderEventBody final : public EventBody {
 public:
  explicit OrderEventBody(OrderEvent event) : event_(std::move(event)) {}
  std::string to_json() const override { return encode(event_); }
  const OrderEvent& event() const { return event_; }

 private:
  const OrderEvent event_;
};

}  // namespace

Event OrderEvent::to_event(std::string event_id, std::string_view subject) && {
  Timestamp occurred_at = order.updated_at;
  return Event{std::move(event_id), std::string(subject), std::string(), occurred_at,
               std::make_shared<const OrderEventBody>(std::move(*this))};
}

Result<std::shared_ptr<const OrderEvent>> OrderEvent::from_event(const Event& event) {
  if (const auto* typed = dynamic_cast<const OrderEventBody*>(event.body.get())) {
    return std::shared_ptr<const OrderEvent>(event.body, &typed->event());
  }
  json payload = json::parse(event.payload, nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object()) {
    return Status::InvalidArgument(event.subject + " payload is not a JSON object");
  }
  PayloadReader read(payload);
  OrderEvent decoded;
  Order& order = decoded.order;
  order.id = read.text("orderId");
  order.user_id = read.text("userId");
  order.account_id = read.text("accountId", /*required=*/false);
  order.symbol = read.text("symbol");
  order.side = read.name("side", &parse_order_side);
  order.type = read.name("type", &parse_order_type);
  order.time_in_force = read.name("timeInForce", &parse_time_in_force);
  order.status = read.name("status", &parse_order_status);
  order.quantity = read.decimal<Quantity>("quantity");
  order.filled_quantity = read.decimal<Quantity>("filledQuantity");
  order.average_fill_price = read.decimal<Price>("avgFillPrice");
  order.currency = read.name("currency", &parse_currency);
  order.account_currency = read.name("accountCurrency", &parse_currency);
  order.stop_triggered = read.flag("stopTriggered");
  order.reserved_cash = read.decimal<Money>("reservedCash");
  order.reject_reason = read.text("reason", /*required=*/false);
  order.created_at = read.time("createdAt");
  order.updated_at = read.time("updatedAt");
  if (payload.contains("price")) order.limit_price = read.decimal<Price>("price");
  if (payload.contains("stopPrice")) order.stop_price = read.decimal<Price>("stopPrice");
  if (payload.contains("fill")) {
    PayloadReader read_fill(payload["fill"]);
    decoded.fill = Fill{read_fill.text("fillId"),
                        read_fill.decimal<Quantity>("quantity"),
                        read_fill.decimal<Price>("price"),
                        read_fill.decimal<Price>("fxRate"),
                        read_fill.decimal<Money>("settlementAmount"),
                        read_fill.decimal<Money>("commission"),
                        read_fill.time("executedAt")};
    FAFNIR_RETURN_IF_ERROR(read_fill.status());
  }
  FAFNIR_RETURN_IF_ERROR(read.status());
  return std::make_shared<const OrderEvent>(std::move(decoded));
}

}  // namespace fafnir
