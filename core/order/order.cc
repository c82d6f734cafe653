#include "core/order/order.h"

#include "core/common/enum_names.h"

namespace fafnir {
namespace {

constexpr EnumNames<OrderSide, 2> kSides{{{OrderSide::kBuy, "BUY"}, {OrderSide::kSell, "SELL"}}};
constexpr EnumNames<OrderType, 4> kTypes{{{OrderType::kMarket, "MARKET"},
                                          {OrderType::kLimit, "LIMIT"},
                                          {OrderType::kStop, "STOP"},
                                          {OrderType::kStopLimit, "STOP_LIMIT"}}};
constexpr EnumNames<TimeInForce, 4> kTimesInForce{{{TimeInForce::kGtc, "GTC"},
                                                   {TimeInForce::kDay, "DAY"},
                                                   {TimeInForce::kIoc, "IOC"},
                                                   {TimeInForce::kFok, "FOK"}}};
constexpr EnumNames<OrderStatus, 6> kStatuses{{{OrderStatus::kPending, "PENDING"},
                                               {OrderStatus::kPartialFill, "PARTIAL_FILL"},
                                               {OrderStatus::kFilled, "FILLED"},
                                               {OrderStatus::kCanceled, "CANCELED"},
                                               {OrderStatus::kRejected, "REJECTED"},
                                               {OrderStatus::kExpired, "EXPIRED"}}};

}  // namespace

std::string_view order_side_name(OrderSide side) { return enum_name(kSides, side); }
std::string_view order_type_name(OrderType type) { return enum_name(kTypes, type); }
std::string_view time_in_force_name(TimeInForce tif) { return enum_name(kTimesInForce, tif); }
std::string_view order_status_name(OrderStatus status) { return enum_name(kStatuses, status); }

Result<OrderSide> parse_order_side(std::string_view text) {
  return parse_enum(kSides, "order side", text);
}
Result<OrderType> parse_order_type(std::string_view text) {
  return parse_enum(kTypes, "order type", text);
}
Result<TimeInForce> parse_time_in_force(std::string_view text) {
  return parse_enum(kTimesInForce, "time in force", text);
}
Result<OrderStatus> parse_order_status(std::string_view text) {
  return parse_enum(kStatuses, "order status", text);
}

bool is_open(OrderStatus status) {
  return status == OrderStatus::kPending || status == OrderStatus::kPartialFill;
}

}  // namespace fafnir
