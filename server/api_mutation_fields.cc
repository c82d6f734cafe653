#include "api/json_views.h"
#include "core/security/permissions.h"
#include "server/api_fields_support.h"

namespace fafnir {
namespace {

using nlohmann::json;

// An optional string input: empty when absent or null.
Result<std::string> optional_text(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::string();
  return text_argument(object, name);
}

Result<std::optional<Price>> optional_price(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<Price>();
  FAFNIR_ASSIGN_OR_RETURN(Price price, decimal_argument<Price>(object, name));
  return std::optional<Price>(price);
}

Result<OrderRequest> order_request(const json& input) {
  OrderRequest request;
  FAFNIR_ASSIGN_OR_RETURN(request.symbol, text_argument(input, "symbol"));
  FAFNIR_ASSIGN_OR_RETURN(std::string side, text_argument(input, "side"));
  FAFNIR_ASSIGN_OR_RETURN(request.side, parse_order_side(side));
  FAFNIR_ASSIGN_OR_RETURN(std::string type, text_argument(input, "type"));
  FAFNIR_ASSIGN_OR_RETURN(request.type, parse_order_type(type));
  FAFNIR_ASSIGN_OR_RETURN(request.quantity, decimal_argument<Quantity>(input, "quantity"));
  FAFNIR_ASSIGN_OR_RETURN(request.limit_price, optional_price(input, "price"));
  FAFNIR_ASSIGN_OR_RETURN(request.stop_price, optional_price(input, "stopPrice"));
  FAFNIR_ASSIGN_OR_RETURN(std::string tif, optional_text(input, "timeInForce"));
  if (!tif.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(request.time_in_force, parse_time_in_force(tif));
  }
  return request;
}

ApiResult create_order(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kOrderStocks));
    FAFNIR_ASSIGN_OR_RETURN(json input, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(OrderRequest request, order_request(input));
    FAFNIR_ASSIGN_OR_RETURN(Order order, call.platform.orders().place(user.user_id, request));
    return order_json(order);
  });
}

ApiResult cancel_order(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kOrderStocks));
    FAFNIR_ASSIGN_OR_RETURN(std::string order_id, text_argument(call.arguments, "orderId"));
    FAFNIR_ASSIGN_OR_RETURN(Order order, call.platform.orders().cancel(user.user_id, order_id));
    return order_json(order);
  });
}

ApiResult create_account(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnAccounts));
    FAFNIR_ASSIGN_OR_RETURN(json input, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(std::string type_name, text_argument(input, "type"));
    FAFNIR_ASSIGN_OR_RETURN(std::string currency_name, text_argument(input, "currency"));
    FAFNIR_ASSIGN_OR_RETURN(AccountType type, parse_account_type(type_name));
    FAFNIR_ASSIGN_OR_RETURN(Currency currency, parse_currency(currency_name));
    FAFNIR_ASSIGN_OR_RETURN(Account account,
                            call.platform.portfolio().create_account(user.user_id, type, currency));
    return account_json(account);
  });
}

ApiResult delete_account(const ApiCall& call) {
  Status deleted = [&]() -> Status {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnAccounts));
    FAFNIR_ASSIGN_OR_RETURN(std::string account_id, text_argument(call.arguments, "accountId"));
    return call.platform.portfolio().delete_account(user.user_id, account_id);
  }();
  if (!deleted.ok()) return {json(false), deleted};
  return {json(true), std::nullopt};
}

ApiResult deposit(const ApiCall& call) {
  Result<Account> account = [&]() -> Result<Account> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnAccounts));
    FAFNIR_ASSIGN_OR_RETURN(json input, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(std::string account_id, text_argument(input, "accountId"));
    FAFNIR_ASSIGN_OR_RETURN(Money amount, decimal_argument<Money>(input, "amount"));
    FAFNIR_ASSIGN_OR_RETURN(std::string currency_name, text_argument(input, "currency"));
    FAFNIR_ASSIGN_OR_RETURN(Currency currency, parse_currency(currency_name));
    return call.platform.portfolio().deposit(user.user_id, account_id, amount, currency);
  }();
  if (!account.ok()) {
    ApiResult failed = failed_response(account.status(), json{{"newBalance", 0}});
    failed.value.erase("data");
    return failed;
  }
  return {json{{"code", "OK"}, {"newBalance", account->balance.to_double()}}, std::nullopt};
}

// A mutation answering only {code}.
ApiResult code_only(const Status& status) {
  if (status.ok()) return {json{{"code", "OK"}}, std::nullopt};
  ApiResult failed = failed_response(status);
  failed.value.erase("data");
  return failed;
}

ApiResult transfer(const ApiCall& call) {
  return code_only([&]() -> Status {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnAccounts));
    FAFNIR_ASSIGN_OR_RETURN(json input, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(std::string from, text_argument(input, "fromAccountId"));
    FAFNIR_ASSIGN_OR_RETURN(std::string to, text_argument(input, "toAccountId"));
    FAFNIR_ASSIGN_OR_RETURN(Money amount, decimal_argument<Money>(input, "amount"));
    FAFNIR_ASSIGN_OR_RETURN(std::string currency_name, text_argument(input, "currency"));
    FAFNIR_ASSIGN_OR_RETURN(Currency currency, parse_currency(currency_name));
    return call.platform.portfolio().transfer(user.user_id, from, to, amount, currency);
  }());
}

ApiResult watchlist_change(const ApiCall& call, bool add) {
  return code_only([&]() -> Status {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnWatchlist));
    FAFNIR_ASSIGN_OR_RETURN(json input, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(std::string symbol, text_argument(input, "symbol"));
    PortfolioService& portfolio = call.platform.portfolio();
    return add ? portfolio.add_to_watchlist(user.user_id, symbol)
               : portfolio.remove_from_watchlist(user.user_id, symbol);
  }());
}

}  // namespace

const std::map<std::string, ApiField>& mutation_fields() {
  static const std::map<std::string, ApiField> fields{
      {"createOrder", create_order},
      {"cancelOrder", cancel_order},
      {"createAccount", create_account},
      {"deleteAccount", delete_account},
      {"deposit", deposit},
      {"transfer", transfer},
      {"addToWatchlist", [](const ApiCall& call) { return watchlist_change(call, true); }},
      {"removeFromWatchlist", [](const ApiCall& call) { return watchlist_change(call, false); }},
  };
  return fields;
}

}  // namespace fafnir
