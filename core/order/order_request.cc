#include "core/order/order_request.h"

#include "core/engine/resting_order_index.h"

namespace fafnir {
namespace {

Status check_price(const std::optional<Price>& price, bool wanted, std::string_view name,
                   OrderType type) {
  std::string type_name(order_type_name(type));
  if (wanted && !price) {
    return Status::InvalidArgument(type_name + " orders need a " + std::string(name));
  }
  if (!wanted && price) {
    return Status::InvalidArgument(type_name + " orders take no " + std::string(name));
  }
  if (price && !price->is_positive()) {
    return Status::InvalidArgument(std::string(name) + " must be positive");
  }
  if (price && *price > kMaxTrigger) {  // what an index of resting orders holds exactly
    return Status::InvalidArgument(std::string(name) + " must be at most " + kMaxTrigger.format(6));
  }
  return Status::Ok();
}

}  // namespace

Status validate_order_request(const OrderRequest& request) {
  if (request.symbol.empty()) return Status::InvalidArgument("symbol is required");
  if (!request.quantity.is_positive()) {
    return Status::InvalidArgument("quantity must be positive");
  }
  bool limit = request.type == OrderType::kLimit || request.type == OrderType::kStopLimit;
  bool stop = request.type == OrderType::kStop || request.type == OrderType::kStopLimit;
  FAFNIR_RETURN_IF_ERROR(check_price(request.limit_price, limit, "limit price", request.type));
  return check_price(request.stop_price, stop, "stop price", request.type);
}

}  // namespace fafnir
