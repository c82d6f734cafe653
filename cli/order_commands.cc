#include <memory>

#include "api/json_views.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/security/permissions.h"

namespace fafnir {
namespace {

using nlohmann::json;

struct OrderArguments {
  std::string symbol;
  std::string side;
  std::string type = "market";
  std::string quantity;
  std::string price;
  std::string stop_price;
  std::string time_in_force = "gtc";
  std::string order_id;
};

std::string price_text(const std::optional<Price>& price) { return price ? price->format() : "-"; }

std::vector<std::string> order_row(const Order& order) {
  return {order.id,
          order.symbol,
          std::string(order_side_name(order.side)),
          std::string(order_type_name(order.type)),
          std::string(time_in_force_name(order.time_in_force)),
          order.quantity.format(0),
          price_text(order.limit_price),
          price_text(order.stop_price),
          std::string(order_status_name(order.status)),
          order.filled_quantity.format(0),
          order.filled_quantity.is_zero() ? "-" : order.average_fill_price.format()};
}

const std::vector<std::string> kOrderHeaders{"ID",  "SYMBOL", "SIDE",   "TYPE",   "TIF", "QTY",
                                             "LIMIT", "STOP", "STATUS", "FILLED", "AVG PRICE"};

std::string describe(const Order& order) {
  std::string text = render_table(kOrderHeaders, {order_row(order)});
  if (!order.reject_reason.empty()) text += "Reason: " + order.reject_reason + "\n";
  return text;
}

Result<std::optional<Price>> optional_price(const std::string& text) {
  if (text.empty()) return std::optional<Price>();
  FAFNIR_ASSIGN_OR_RETURN(Price price, Price::parse(text));
  return std::optional<Price>(price);
}

Result<OrderRequest> to_request(const OrderArguments& args) {
  OrderRequest request;
  request.symbol = args.symbol;
  FAFNIR_ASSIGN_OR_RETURN(request.side, parse_order_side(args.side));
  FAFNIR_ASSIGN_OR_RETURN(request.type, parse_order_type(args.type));
  FAFNIR_ASSIGN_OR_RETURN(request.time_in_force, parse_time_in_force(args.time_in_force));
  FAFNIR_ASSIGN_OR_RETURN(request.quantity, Quantity::parse(args.quantity));
  FAFNIR_ASSIGN_OR_RETURN(request.limit_price, optional_price(args.price));
  FAFNIR_ASSIGN_OR_RETURN(request.stop_price, optional_price(args.stop_price));
  return request;
}

Status place(CliContext& context, const OrderArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(OrderRequest request, to_request(args));
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kOrderStocks));
  FAFNIR_ASSIGN_OR_RETURN(Order order,
                          caller.platform->orders().place(caller.user.user_id, request));
  FAFNIR_RETURN_IF_ERROR(context.settle());
  context.print(order_json(order), describe(order));
  return Status::Ok();
}

Status cancel(CliContext& context, const OrderArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kOrderStocks));
  FAFNIR_ASSIGN_OR_RETURN(Order order,
                          caller.platform->orders().cancel(caller.user.user_id, args.order_id));
  FAFNIR_RETURN_IF_ERROR(context.settle());
  context.print(order_json(order), describe(order));
  return Status::Ok();
}

Status show(CliContext& context, const OrderArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kOrderStocks));
  FAFNIR_ASSIGN_OR_RETURN(Order order,
                          caller.platform->orders().order(caller.user.user_id, args.order_id));
  context.print(order_json(order), describe(order));
  return Status::Ok();
}

Status list(CliContext& context, const OrderArguments&) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kOrderStocks));
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> orders,
                          caller.platform->orders().orders(caller.user.user_id));
  json data = json::array();
  std::vector<std::vector<std::string>> rows;
  for (const Order& order : orders) {
    data.push_back(order_json(order));
    rows.push_back(order_row(order));
  }
  context.print({{"data", data}, {"count", orders.size()}, {"code", "OK"}},
                render_table(kOrderHeaders, rows));
  return Status::Ok();
}

}  // namespace

void add_order_commands(CLI::App& app, CliContext& context, Status& status) {
  auto args = std::make_shared<OrderArguments>();
  auto action = [&context, &status, args](Status (*run)(CliContext&, const OrderArguments&)) {
    return [&context, &status, args, run] { status = run(context, *args); };
  };
  CLI::App* order = app.add_subcommand("order", "Place, cancel and list orders");
  order->require_subcommand(0, 1);

  CLI::App* place_command = order->add_subcommand("place", "Place an order; prints it once handled");
  place_command->add_option("--symbol", args->symbol, "Symbol")->required();
  place_command->add_option("--side", args->side, "buy or sell")->required();
  place_command->add_option("--type", args->type, "market (default), limit, stop or stop_limit");
  place_command->add_option("--quantity", args->quantity, "Shares, at most 6 decimals")->required();
  place_command->add_option("--price", args->price, "Limit price (limit, stop_limit)");
  place_command->add_option("--stop-price", args->stop_price, "Stop price (stop, stop_limit)");
  place_command->add_option("--tif", args->time_in_force, "gtc (default), day, ioc or fok");
  place_command->callback(action(&place));

  CLI::App* cancel_command = order->add_subcommand("cancel", "Cancel an open order");
  cancel_command->add_option("id", args->order_id, "Order id")->required();
  cancel_command->callback(action(&cancel));

  CLI::App* show_command = order->add_subcommand("show", "One order");
  show_command->add_option("id", args->order_id, "Order id")->required();
  show_command->callback(action(&show));

  order->add_subcommand("list", "Every order, newest first")->callback(action(&list));
}

}  // namespace fafnir
