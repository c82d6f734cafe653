#include "api/json_views.h"
#include "core/security/permissions.h"
#include "server/api_fields_support.h"

namespace fafnir {
namespace {

using nlohmann::json;

template <typename T, typename ToJson>
json json_list(const std::vector<T>& items, ToJson to_json) {
  json list = json::array();
  for (const T& item : items) list.push_back(to_json(item));
  return list;
}

// SecurityPermission is non-null in the schema, so a failed check still answers
// hasPermission false.
ApiResult check_permission(const ApiCall& call) {
  Result<bool> allowed = [&]() -> Result<bool> {
    if (!call.caller) return Status::Unauthenticated("log in first");
    FAFNIR_ASSIGN_OR_RETURN(json request, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(std::string permission, text_argument(request, "permission"));
    return call.platform.security().has_permission(call.caller->user_id, permission);
  }();
  if (!allowed.ok()) {
    return failed_response(allowed.status(), json{{"data", {{"hasPermission", false}}}});
  }
  return ok_response(json{{"hasPermission", *allowed}});
}

ApiResult profile(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnProfile));
    FAFNIR_ASSIGN_OR_RETURN(Profile found, call.platform.users().profile(user.user_id));
    return json{{"userId", found.user_id},
                {"firstName", found.first_name},
                {"lastName", found.last_name}};
  });
}

ApiResult search_stocks(const ApiCall& call) {
  Result<AuthenticatedUser> user = require(call, permissions::kViewStocks);
  if (!user.ok()) return field_error(user.status());
  Result<std::string> text = text_argument(call.arguments, "query");
  if (!text.ok()) return field_error(text.status());
  auto limit_argument = call.arguments.find("limit");
  int limit = limit_argument != call.arguments.end() && limit_argument->is_number_integer()
                  ? limit_argument->get<int>()
                  : 8;
  Result<std::vector<Instrument>> found = call.platform.stock().search(*text, limit);
  if (!found.ok()) return field_error(found.status());
  return {json_list(*found, search_result_json), std::nullopt};
}

ApiResult stock_metadata(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_RETURN_IF_ERROR(require(call, permissions::kViewStocks).status());
    FAFNIR_ASSIGN_OR_RETURN(std::string symbol, text_argument(call.arguments, "symbol"));
    FAFNIR_ASSIGN_OR_RETURN(Instrument instrument, call.platform.stock().metadata(symbol));
    return stock_data_json(instrument);
  });
}

ApiResult stock_quote(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_RETURN_IF_ERROR(require(call, permissions::kViewStocks).status());
    FAFNIR_ASSIGN_OR_RETURN(std::string symbol, text_argument(call.arguments, "symbol"));
    FAFNIR_ASSIGN_OR_RETURN(Quote quote, call.platform.stock().quote(symbol));
    return quote_json(quote);
  });
}

ApiResult stock_quote_batch(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_RETURN_IF_ERROR(require(call, permissions::kViewStocks).status());
    auto symbols = call.arguments.find("symbols");
    if (symbols == call.arguments.end() || !symbols->is_array()) {
      return Status::InvalidArgument("symbols must be a list of strings");
    }
    std::vector<std::string> wanted;
    for (const json& symbol : *symbols) {
      if (!symbol.is_string()) return Status::InvalidArgument("symbols must be strings");
      wanted.push_back(symbol.get<std::string>());
    }
    FAFNIR_ASSIGN_OR_RETURN(std::vector<Quote> quotes, call.platform.stock().quotes(wanted));
    return json_list(quotes, quote_json);
  });
}

ApiResult stock_history(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_RETURN_IF_ERROR(require(call, permissions::kViewStocks).status());
    FAFNIR_ASSIGN_OR_RETURN(std::string symbol, text_argument(call.arguments, "symbol"));
    auto period_argument = call.arguments.find("period");
    std::string period = period_argument != call.arguments.end() && period_argument->is_string()
                             ? period_argument->get<std::string>()
                             : "";
    FAFNIR_ASSIGN_OR_RETURN(Instrument instrument, call.platform.stock().metadata(symbol));
    FAFNIR_ASSIGN_OR_RETURN(std::vector<DailyBar> bars,
                            call.platform.stock().history(symbol, period));
    return json_list(bars, [&](const DailyBar& bar) { return daily_bar_json(instrument.symbol, bar); });
  });
}

ApiResult orders(const ApiCall& call) {
  Result<json> list = [&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kOrderStocks));
    FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> found, call.platform.orders().orders(user.user_id));
    return json_list(found, order_json);
  }();
  if (!list.ok()) return failed_response(list.status(), json{{"count", 0}});
  std::size_t count = list->size();
  ApiResult result = ok_response(std::move(list).value());
  result.value["count"] = count;
  return result;
}

ApiResult order_by_id(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kOrderStocks));
    FAFNIR_ASSIGN_OR_RETURN(json request, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(std::string order_id, text_argument(request, "orderId"));
    FAFNIR_ASSIGN_OR_RETURN(Order order, call.platform.orders().order(user.user_id, order_id));
    return order_json(order);
  });
}

ApiResult portfolio_summary(const ApiCall& call) {
  Result<AuthenticatedUser> user = require(call, permissions::kManageOwnAccounts);
  Result<AccountSummary> summary =
      user.ok() ? call.platform.portfolio().summary(user->user_id) : user.status();
  if (!summary.ok()) {
    return failed_response(summary.status(), json{{"accounts", nullptr}, {"totalBalance", 0}});
  }
  return {json{{"code", "OK"},
               {"accounts", json_list(summary->accounts, account_json)},
               {"totalBalance", summary->total_balance.to_double()}},
          std::nullopt};
}

ApiResult holdings(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnPortfolio));
    FAFNIR_ASSIGN_OR_RETURN(json request, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(std::string account_id, text_argument(request, "accountId"));
    FAFNIR_ASSIGN_OR_RETURN(std::vector<Holding> held,
                            call.platform.portfolio().holdings(user.user_id, account_id));
    return json_list(held, holding_json);
  });
}

ApiResult holding(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnPortfolio));
    FAFNIR_ASSIGN_OR_RETURN(json request, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(std::string account_id, text_argument(request, "accountId"));
    FAFNIR_ASSIGN_OR_RETURN(std::string symbol, text_argument(request, "symbol"));
    FAFNIR_ASSIGN_OR_RETURN(Holding held,
                            call.platform.portfolio().holding(user.user_id, account_id, symbol));
    return holding_json(held);
  });
}

ApiResult watchlist(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnWatchlist));
    FAFNIR_ASSIGN_OR_RETURN(std::vector<WatchlistItem> items,
                            call.platform.portfolio().watchlist(user.user_id));
    return json_list(items, watchlist_item_json);
  });
}

ApiResult transactions(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnPortfolio));
    FAFNIR_ASSIGN_OR_RETURN(json request, object_argument(call.arguments, "request"));
    FAFNIR_ASSIGN_OR_RETURN(std::string account_id, text_argument(request, "accountId"));
    FAFNIR_ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries,
                            call.platform.portfolio().transactions(user.user_id, account_id));
    return json_list(entries, transaction_json);
  });
}

ApiResult performance(const ApiCall& call) {
  return respond([&]() -> Result<json> {
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, require(call, permissions::kManageOwnPortfolio));
    FAFNIR_ASSIGN_OR_RETURN(std::string account_id, text_argument(call.arguments, "accountId"));
    FAFNIR_ASSIGN_OR_RETURN(AccountPerformance result,
                            call.platform.portfolio().performance(user.user_id, account_id));
    return performance_json(result);
  });
}

ApiResult market_clock(const ApiCall& call) {
  Result<AuthenticatedUser> user = require(call, permissions::kViewStocks);
  if (!user.ok()) return field_error(user.status());
  return {market_clock_json(call.platform.stock().clock_info()), std::nullopt};
}

}  // namespace

const std::map<std::string, ApiField>& query_fields() {
  static const std::map<std::string, ApiField> fields{
      {"health", [](const ApiCall&) { return ApiResult{json("ok"), std::nullopt}; }},
      {"checkPermission", check_permission},
      {"getProfileData", profile},
      {"searchStocks", search_stocks},
      {"getStockMetadata", stock_metadata},
      {"getStockQuote", stock_quote},
      {"getStockQuoteBatch", stock_quote_batch},
      {"getStockHistoricalData", stock_history},
      {"getOrders", orders},
      {"getOrderByOrderID", order_by_id},
      {"getPortfolioSummary", portfolio_summary},
      {"getHoldings", holdings},
      {"getHolding", holding},
      {"getWatchlist", watchlist},
      {"getTransactions", transactions},
      {"getPortfolioPerformance", performance},
      {"getMarketClock", market_clock},
  };
  return fields;
}

}  // namespace fafnir
