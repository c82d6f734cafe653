#pragma once

#include <optional>
#include <string>

#include "core/common/fixed_point.h"
#include "core/order/order.h"

namespace fafnir {

// What a user asks for; decimal inputs are already parsed exactly (at most 6 decimals) by the
// front end.
struct OrderRequest {
  std::string symbol;
  OrderSide side = OrderSide::kBuy;
  OrderType type = OrderType::kMarket;
  Quantity quantity;
  std::optional<Price> limit_price;  // required for LIMIT and STOP_LIMIT, refused otherwise
  std::optional<Price> stop_price;   // required for STOP and STOP_LIMIT, refused otherwise
  TimeInForce time_in_force = TimeInForce::kGtc;
};

// InvalidArgument naming the first problem: a non-positive quantity, a missing, non-positive,
// unexpected or too large (above kMaxTrigger, 9,007,199,254.740992) limit or stop price.
Status validate_order_request(const OrderRequest& request);

}  // namespace fafnir
