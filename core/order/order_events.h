#pragma once

#include <memory>
#include <string>

#include "core/common/status.h"
#include "core/events/event.h"
#include "core/order/order.h"

namespace fafnir {

namespace subjects {
inline constexpr std::string_view kOrdersCreated = "orders.created";
inline constexpr std::string_view kOrdersCancelled = "orders.cancelled";
inline constexpr std::string_view kOrdersFilled = "orders.filled";
inline constexpr std::string_view kOrdersRejected = "orders.rejected";
inline constexpr std::string_view kOrdersExpired = "orders.expired";
}  // namespace subjects

// One execution of (part of) an order, with what it costs or yields in the settling account.
struct Fill {
  std::string id;
  Quantity quantity;
  Price price;              // in the instrument's currency
  Price fx_rate;            // account currency per instrument currency unit; 1 when the same
  Money settlement_amount;  // quantity * price * fx_rate in the account's currency, positive
  Money commission;         // in the account's currency
  Timestamp executed_at;
};

// The payload of every orders.* event: the order as it stands after the change, and for
// orders.filled the fill that caused it. Money and quantities travel as exact decimal strings.
struct OrderEvent {
  Order order;
  std::optional<Fill> fill;

  // `subject` is one of subjects::kOrders*. The event carries this value as its body; its JSON
  // text is written only when a store asks for it (Event::json()).
  Event to_event(std::string event_id, std::string_view subject) &&;
  // The body of an event made by to_event (shared with the event, not copied), or its JSON text
  // decoded. InvalidArgument when the payload is not a well-formed orders.* message.
  static Result<std::shared_ptr<const OrderEvent>> from_event(const Event& event);
};

}  // namespace fafnir
