#include "scenario/expectation_parser.h"

#include "core/common/text.h"

namespace fafnir {
namespace {

using nlohmann::json;

constexpr ErrorCode kErrorCodes[] = {ErrorCode::kInvalidArgument,    ErrorCode::kNotFound,
                                     ErrorCode::kAlreadyExists,      ErrorCode::kPermissionDenied,
                                     ErrorCode::kFailedPrecondition, ErrorCode::kUnauthenticated,
                                     ErrorCode::kResourceExhausted,  ErrorCode::kInternal};

Result<MarketState> parse_market_state(std::string_view text) {
  std::string wanted = to_upper(text);
  for (MarketState state :
       {MarketState::kRegular, MarketState::kClosed, MarketState::kPre, MarketState::kPost}) {
    if (market_state_name(state) == wanted) return state;
  }
  return Status::InvalidArgument("unknown market state '" + std::string(text) +
                                 "' (use REGULAR, CLOSED, PRE, POST)");
}

// The label in field `key`, checked by `require`; empty when absent and `implicit` allows it.
template <typename Require>
Result<std::string> reference(JsonFields& fields, std::string_view key, bool implicit,
                              Require require) {
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> label, fields.optional_text(key));
  if (!label) {
    if (implicit) return std::string();
    return fields.missing(key);
  }
  FAFNIR_RETURN_IF_ERROR(require(fields, key, *label));
  return *label;
}

Result<ErrorExpectation> parse_error(const json& value, const std::string& where) {
  ErrorExpectation error;
  if (value.is_string()) {
    Result<ErrorCode> code = parse_error_code(value.get<std::string>());
    if (!code.ok()) return Status::InvalidArgument(where + ": " + code.status().message());
    error.code = *code;
    return error;
  }
  FAFNIR_ASSIGN_OR_RETURN(JsonFields fields, JsonFields::of(value, where));
  FAFNIR_ASSIGN_OR_RETURN(error.code, fields.optional_parsed("code", parse_error_code));
  FAFNIR_ASSIGN_OR_RETURN(error.message_contains, fields.optional_text("message"));
  FAFNIR_RETURN_IF_ERROR(fields.finish());
  return error;
}

Result<OrderExpectation> parse_order(JsonFields& fields, const LabelScope& scope, bool implicit) {
  OrderExpectation order;
  FAFNIR_ASSIGN_OR_RETURN(
      order.order, reference(fields, "order", implicit,
                             [&](const JsonFields& f, std::string_view k, std::string_view v) {
                               return scope.require_order(f, k, v);
                             }));
  FAFNIR_ASSIGN_OR_RETURN(order.exists, fields.optional_flag("exists"));
  FAFNIR_ASSIGN_OR_RETURN(order.status, fields.optional_parsed("status", parse_order_status));
  FAFNIR_ASSIGN_OR_RETURN(order.fill_price, fields.optional_decimal<Price>("fillPrice"));
  FAFNIR_ASSIGN_OR_RETURN(order.filled_quantity,
                          fields.optional_decimal<Quantity>("filledQuantity"));
  FAFNIR_ASSIGN_OR_RETURN(order.reason_contains, fields.optional_text("reason"));
  FAFNIR_ASSIGN_OR_RETURN(order.reserved_cash, fields.optional_decimal<Money>("reservedCash"));
  FAFNIR_ASSIGN_OR_RETURN(order.stop_triggered, fields.optional_flag("stopTriggered"));
  return order;
}

Status parse_ledger(JsonFields& account_fields, AccountExpectation& account) {
  const json* value = account_fields.find("ledger");
  if (value == nullptr) return Status::Ok();
  FAFNIR_ASSIGN_OR_RETURN(JsonFields fields,
                          JsonFields::of(*value, account_fields.where() + ", ledger"));
  FAFNIR_ASSIGN_OR_RETURN(account.ledger_count, fields.optional_count("count"));
  FAFNIR_ASSIGN_OR_RETURN(account.last_entry_type,
                          fields.optional_parsed("lastType", parse_transaction_type));
  FAFNIR_ASSIGN_OR_RETURN(account.last_entry_amount, fields.optional_decimal<Money>("lastAmount"));
  FAFNIR_ASSIGN_OR_RETURN(account.last_entry_description_contains,
                          fields.optional_text("lastDescription"));
  return fields.finish();
}

Result<AccountExpectation> parse_account(JsonFields& fields, const LabelScope& scope,
                                         bool implicit) {
  AccountExpectation account;
  FAFNIR_ASSIGN_OR_RETURN(
      account.account, reference(fields, "account", implicit,
                                 [&](const JsonFields& f, std::string_view k, std::string_view v) {
                                   return scope.require_account(f, k, v);
                                 }));
  FAFNIR_ASSIGN_OR_RETURN(account.exists, fields.optional_flag("exists"));
  FAFNIR_ASSIGN_OR_RETURN(account.balance, fields.optional_decimal<Money>("balance"));
  FAFNIR_ASSIGN_OR_RETURN(account.reserved, fields.optional_decimal<Money>("reserved"));
  FAFNIR_ASSIGN_OR_RETURN(account.buying_power, fields.optional_decimal<Money>("buyingPower"));
  FAFNIR_ASSIGN_OR_RETURN(account.realized_pnl, fields.optional_decimal<Money>("realizedPnl"));
  FAFNIR_ASSIGN_OR_RETURN(account.unrealized_pnl, fields.optional_decimal<Money>("unrealizedPnl"));
  FAFNIR_ASSIGN_OR_RETURN(account.market_value, fields.optional_decimal<Money>("marketValue"));
  FAFNIR_ASSIGN_OR_RETURN(account.equity, fields.optional_decimal<Money>("equity"));
  FAFNIR_RETURN_IF_ERROR(parse_ledger(fields, account));
  return account;
}

Result<HoldingExpectation> parse_holding(JsonFields& fields, const LabelScope& scope,
                                         bool implicit) {
  HoldingExpectation holding;
  FAFNIR_ASSIGN_OR_RETURN(
      holding.account, reference(fields, "account", implicit,
                                 [&](const JsonFields& f, std::string_view k, std::string_view v) {
                                   return scope.require_account(f, k, v);
                                 }));
  FAFNIR_ASSIGN_OR_RETURN(holding.symbol, fields.text("symbol"));
  FAFNIR_ASSIGN_OR_RETURN(holding.quantity, fields.optional_decimal<Quantity>("quantity"));
  FAFNIR_ASSIGN_OR_RETURN(holding.reserved, fields.optional_decimal<Quantity>("reserved"));
  FAFNIR_ASSIGN_OR_RETURN(holding.available, fields.optional_decimal<Quantity>("available"));
  FAFNIR_ASSIGN_OR_RETURN(holding.average_cost, fields.optional_decimal<Price>("averageCost"));
  FAFNIR_ASSIGN_OR_RETURN(holding.market_value, fields.optional_decimal<Money>("marketValue"));
  FAFNIR_ASSIGN_OR_RETURN(holding.unrealized_pnl, fields.optional_decimal<Money>("unrealizedPnl"));
  return holding;
}

Result<QuoteExpectation> parse_quote(JsonFields& fields) {
  QuoteExpectation quote;
  FAFNIR_ASSIGN_OR_RETURN(quote.symbol, fields.text("symbol"));
  FAFNIR_ASSIGN_OR_RETURN(quote.price, fields.optional_decimal<Price>("price"));
  FAFNIR_ASSIGN_OR_RETURN(quote.open, fields.optional_decimal<Price>("open"));
  FAFNIR_ASSIGN_OR_RETURN(quote.previous_close, fields.optional_decimal<Price>("previousClose"));
  FAFNIR_ASSIGN_OR_RETURN(quote.day_high, fields.optional_decimal<Price>("dayHigh"));
  FAFNIR_ASSIGN_OR_RETURN(quote.day_low, fields.optional_decimal<Price>("dayLow"));
  FAFNIR_ASSIGN_OR_RETURN(quote.source, fields.optional_text("source"));
  FAFNIR_ASSIGN_OR_RETURN(quote.market_state,
                          fields.optional_parsed("marketState", parse_market_state));
  return quote;
}

Result<FxExpectation> parse_fx(JsonFields& fields) {
  FxExpectation fx;
  FAFNIR_ASSIGN_OR_RETURN(fx.from, fields.parsed("from", parse_currency));
  FAFNIR_ASSIGN_OR_RETURN(fx.to, fields.parsed("to", parse_currency));
  FAFNIR_ASSIGN_OR_RETURN(fx.rate, fields.decimal<Price>("rate"));
  return fx;
}

Result<UserExpectation> parse_user(JsonFields& fields, const LabelScope& scope, bool implicit) {
  UserExpectation user;
  FAFNIR_ASSIGN_OR_RETURN(
      user.user, reference(fields, "user", implicit,
                           [&](const JsonFields& f, std::string_view k, std::string_view v) {
                             return scope.require_user(f, k, v);
                           }));
  FAFNIR_ASSIGN_OR_RETURN(user.profile, fields.optional_flag("profile"));
  FAFNIR_ASSIGN_OR_RETURN(user.roles, fields.optional_count("roles"));
  FAFNIR_ASSIGN_OR_RETURN(user.accounts, fields.optional_count("accounts"));
  FAFNIR_ASSIGN_OR_RETURN(user.orders, fields.optional_count("orders"));
  return user;
}

// Parses field `key` of `expect` (an object or an array of objects) with `parse_one`.
template <typename T, typename ParseOne>
Status parse_each(JsonFields& expect, std::string_view key, std::vector<T>& out,
                  ParseOne parse_one) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<const json*> items, expect.objects(key));
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string where = expect.where() + "." + std::string(key);
    if (items.size() > 1 || expect.find(key)->is_array()) where += "[" + std::to_string(i) + "]";
    FAFNIR_ASSIGN_OR_RETURN(JsonFields fields, JsonFields::of(*items[i], where));
    FAFNIR_ASSIGN_OR_RETURN(T parsed, parse_one(fields));
    FAFNIR_RETURN_IF_ERROR(fields.finish());
    out.push_back(std::move(parsed));
  }
  return Status::Ok();
}

}  // namespace

Result<ErrorCode> parse_error_code(std::string_view text) {
  std::string wanted = to_upper(text);
  std::string valid;
  for (ErrorCode code : kErrorCodes) {
    if (error_code_name(code) == wanted) return code;
    valid += (valid.empty() ? "" : ", ") + std::string(error_code_name(code));
  }
  return Status::InvalidArgument("unknown error code '" + std::string(text) + "' (use " + valid +
                                 ")");
}

Result<Expectations> parse_expectations(const json& value, const std::string& where,
                                        const LabelScope& scope, StepSubjects subjects) {
  FAFNIR_ASSIGN_OR_RETURN(JsonFields expect, JsonFields::of(value, where + ", expect"));
  Expectations result;
  if (const json* error = expect.find("error")) {
    FAFNIR_ASSIGN_OR_RETURN(result.error, parse_error(*error, expect.where() + ".error"));
  }
  FAFNIR_RETURN_IF_ERROR(parse_each(expect, "order", result.orders, [&](JsonFields& fields) {
    return parse_order(fields, scope, subjects.order);
  }));
  FAFNIR_RETURN_IF_ERROR(parse_each(expect, "account", result.accounts, [&](JsonFields& fields) {
    return parse_account(fields, scope, subjects.account);
  }));
  FAFNIR_RETURN_IF_ERROR(parse_each(expect, "holding", result.holdings, [&](JsonFields& fields) {
    return parse_holding(fields, scope, subjects.account);
  }));
  FAFNIR_RETURN_IF_ERROR(parse_each(expect, "quote", result.quotes, parse_quote));
  FAFNIR_RETURN_IF_ERROR(parse_each(expect, "fxRate", result.fx_rates, parse_fx));
  FAFNIR_RETURN_IF_ERROR(parse_each(expect, "user", result.users, [&](JsonFields& fields) {
    return parse_user(fields, scope, subjects.user);
  }));
  FAFNIR_ASSIGN_OR_RETURN(result.time, expect.optional_parsed("time", parse_rfc3339));
  FAFNIR_RETURN_IF_ERROR(expect.finish());
  return result;
}

}  // namespace fafnir
