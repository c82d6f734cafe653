#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/currency.h"
#include "core/common/fixed_point.h"
#include "core/common/status.h"
#include "core/common/timestamp.h"

namespace fafnir {

enum class OrderSide { kBuy, kSell };
enum class OrderType { kMarket, kLimit, kStop, kStopLimit };
enum class TimeInForce { kGtc, kDay, kIoc, kFok };
enum class OrderStatus { kPending, kPartialFill, kFilled, kCanceled, kRejected, kExpired };

// Upper-case wire names ("BUY", "STOP_LIMIT", "GTC", "PARTIAL_FILL").
std::string_view order_side_name(OrderSide side);
std::string_view order_type_name(OrderType type);
std::string_view time_in_force_name(TimeInForce tif);
std::string_view order_status_name(OrderStatus status);

// Parse the names above in any letter case; InvalidArgument listing the valid names otherwise.
Result<OrderSide> parse_order_side(std::string_view text);
Result<OrderType> parse_order_type(std::string_view text);
Result<TimeInForce> parse_time_in_force(std::string_view text);
Result<OrderStatus> parse_order_status(std::string_view text);

// True for PENDING and PARTIAL_FILL: the order may still fill or be canceled.
bool is_open(OrderStatus status);

struct Order {
  std::string id;
  std::string user_id;
  std::string account_id;  // the INVESTMENT account that settles it; empty when rejected for lack
  std::string symbol;
  OrderSide side = OrderSide::kBuy;
  OrderType type = OrderType::kMarket;
  TimeInForce time_in_force = TimeInForce::kGtc;
  OrderStatus status = OrderStatus::kPending;
  Quantity quantity;
  std::optional<Price> limit_price;  // LIMIT and STOP_LIMIT
  std::optional<Price> stop_price;   // STOP and STOP_LIMIT
  bool stop_triggered = false;       // a STOP / STOP_LIMIT whose stop price has been crossed
  Quantity filled_quantity;
  Price average_fill_price;  // quantity-weighted, rounded to the micro; zero before any fill
  Currency currency = Currency::kUsd;  // the instrument's
  Currency account_currency = Currency::kUsd;  // the settling account's
  Money reserved_cash;  // what the settling account holds back for a buy's unfilled part
  std::string reject_reason;           // why REJECTED, CANCELED or EXPIRED by the system
  Timestamp created_at;
  Timestamp updated_at;

  Quantity remaining_quantity() const { return quantity - filled_quantity; }
};

}  // namespace fafnir
