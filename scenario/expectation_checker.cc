#include "scenario/expectation_checker.h"

#include <algorithm>

#include "core/common/text.h"

namespace fafnir {
namespace {

std::string text_of(Money value) { return value.format(); }
std::string text_of(Price value) { return value.format(); }
std::string text_of(Quantity value) { return value.format(0); }
std::string text_of(std::int64_t value) { return std::to_string(value); }
std::string text_of(bool value) { return value ? "true" : "false"; }
std::string text_of(const std::string& value) { return "\"" + value + "\""; }
std::string text_of(OrderStatus value) { return std::string(order_status_name(value)); }
std::string text_of(TransactionType value) { return std::string(transaction_type_name(value)); }
std::string text_of(MarketState value) { return std::string(market_state_name(value)); }
std::string text_of(Timestamp value) { return format_rfc3339(value); }

bool contains_ignoring_case(std::string_view text, std::string_view part) {
  return to_lower(text).find(to_lower(part)) != std::string::npos;
}

class Checker {
 public:
  Checker(ScenarioWorld& world, const StepEffect& effect) : world_(world), effect_(effect) {}

  void error(const std::optional<ErrorExpectation>& expected);
  void order(const OrderExpectation& expected);
  void account(const AccountExpectation& expected);
  void holding(const HoldingExpectation& expected);
  void quote(const QuoteExpectation& expected);
  void fx(const FxExpectation& expected);
  void user(const UserExpectation& expected);
  void time(const std::optional<Timestamp>& expected);

  std::vector<std::string> take_differences() { return std::move(differences_); }
  std::size_t checks() const { return checks_; }

 private:
  template <typename T>
  void compare(const std::string& what, const std::optional<T>& expected, const T& actual) {
    if (!expected) return;
    ++checks_;
    if (!(*expected == actual)) {
      differences_.push_back(what + ": expected " + text_of(*expected) + ", got " +
                             text_of(actual));
    }
  }
  void contains(const std::string& what, const std::optional<std::string>& part,
                const std::string& actual) {
    if (!part) return;
    ++checks_;
    if (!contains_ignoring_case(actual, *part)) {
      differences_.push_back(what + ": expected to contain \"" + *part + "\", got \"" + actual +
                             "\"");
    }
  }
  // Records `status` as a difference about `what` when it is not OK; returns ok().
  bool usable(const std::string& what, const Status& status) {
    if (status.ok()) return true;
    ++checks_;
    differences_.push_back(what + ": " + status.to_string());
    return false;
  }
  Result<ScenarioWorld::AccountRef> account_ref(const std::string& label) {
    return world_.account(label.empty() ? effect_.account : label);
  }

  ScenarioWorld& world_;
  const StepEffect& effect_;
  std::vector<std::string> differences_;
  std::size_t checks_ = 0;
};

void Checker::error(const std::optional<ErrorExpectation>& expected) {
  const Status& status = effect_.status;
  if (!expected) {
    if (!status.ok()) differences_.push_back("unexpected error: " + status.to_string());
    return;
  }
  ++checks_;
  std::string wanted = expected->code ? std::string(error_code_name(*expected->code)) : "an error";
  if (status.ok()) {
    differences_.push_back("error: expected " + wanted + ", but the step succeeded");
    return;
  }
  if (expected->code && *expected->code != status.code()) {
    differences_.push_back("error code: expected " + wanted + ", got " + status.to_string());
  }
  contains("error message", expected->message_contains, status.message());
}

void Checker::order(const OrderExpectation& expected) {
  std::string what = "order " + (expected.order.empty() ? effect_.order_name : expected.order);
  std::optional<ScenarioWorld::OrderRef> ref = effect_.order;
  if (!expected.order.empty()) {
    Result<ScenarioWorld::OrderRef> labeled = world_.order(expected.order);
    if (!usable(what, labeled.status())) return;
    ref = *labeled;
  }
  if (!ref) {
    usable(what, Status::NotFound("the step placed no order"));
    return;
  }
  Result<Order> found = world_.platform().orders().order(ref->user_id, ref->id);
  if (!found.ok() && found.status().code() == ErrorCode::kNotFound) {
    if (expected.exists == false) {
      ++checks_;
      return;
    }
  }
  compare(what + " exists", expected.exists, true);
  if (!usable(what, found.status())) return;
  const Order& order = *found;
  compare(what + " status", expected.status, order.status);
  compare(what + " fillPrice", expected.fill_price, order.average_fill_price);
  compare(what + " filledQuantity", expected.filled_quantity, order.filled_quantity);
  contains(what + " reason", expected.reason_contains, order.reject_reason);
  compare(what + " reservedCash", expected.reserved_cash, order.reserved_cash);
  compare(what + " stopTriggered", expected.stop_triggered, order.stop_triggered);
}

void Checker::account(const AccountExpectation& expected) {
  std::string label = expected.account.empty() ? effect_.account : expected.account;
  std::string what = "account " + label;
  Result<ScenarioWorld::AccountRef> ref = account_ref(expected.account);
  if (!usable(what, ref.status())) return;
  PortfolioService& portfolio = world_.platform().portfolio();
  Result<Account> found = portfolio.account(ref->user_id, ref->id);
  if (!found.ok() && found.status().code() == ErrorCode::kNotFound && expected.exists == false) {
    ++checks_;
    return;
  }
  compare(what + " exists", expected.exists, true);
  if (!usable(what, found.status())) return;
  compare(what + " balance", expected.balance, found->balance);
  compare(what + " reserved", expected.reserved, found->reserved);
  compare(what + " buyingPower", expected.buying_power, found->buying_power());
  compare(what + " realizedPnl", expected.realized_pnl, found->realized_pnl);
  if (expected.unrealized_pnl || expected.market_value || expected.equity) {
    Result<AccountPerformance> performance = portfolio.performance(ref->user_id, ref->id);
    if (!usable(what + " performance", performance.status())) return;
    compare(what + " unrealizedPnl", expected.unrealized_pnl, performance->unrealized_pnl);
    compare(what + " marketValue", expected.market_value, performance->market_value);
    compare(what + " equity", expected.equity, performance->equity);
  }
  if (expected.ledger_count || expected.last_entry_type || expected.last_entry_amount ||
      expected.last_entry_description_contains) {
    Result<std::vector<LedgerEntry>> ledger = portfolio.transactions(ref->user_id, ref->id);
    if (!usable(what + " ledger", ledger.status())) return;
    compare(what + " ledger count", expected.ledger_count,
            static_cast<std::int64_t>(ledger->size()));
    if (!expected.last_entry_type && !expected.last_entry_amount &&
        !expected.last_entry_description_contains) {
      return;
    }
    if (ledger->empty()) {
      usable(what + " ledger", Status::NotFound("the ledger is empty"));
      return;
    }
    const LedgerEntry& last = ledger->back();
    compare(what + " ledger lastType", expected.last_entry_type, last.type);
    compare(what + " ledger lastAmount", expected.last_entry_amount, last.amount);
    contains(what + " ledger lastDescription", expected.last_entry_description_contains,
             last.description);
  }
}

void Checker::holding(const HoldingExpectation& expected) {
  std::string label = expected.account.empty() ? effect_.account : expected.account;
  std::string symbol = to_upper(expected.symbol);
  std::string what = "holding " + label + " " + symbol;
  Result<ScenarioWorld::AccountRef> ref = account_ref(expected.account);
  if (!usable(what, ref.status())) return;
  PortfolioService& portfolio = world_.platform().portfolio();
  Result<std::vector<Holding>> held = portfolio.holdings(ref->user_id, ref->id);
  if (!usable(what, held.status())) return;
  auto found = std::find_if(held->begin(), held->end(),
                            [&](const Holding& holding) { return holding.symbol == symbol; });
  if (found == held->end()) {
    compare(what + " quantity", expected.quantity, Quantity());
    if (expected.reserved || expected.available || expected.average_cost || expected.market_value ||
        expected.unrealized_pnl) {
      usable(what, Status::NotFound("the account holds no " + symbol));
    }
    return;
  }
  compare(what + " quantity", expected.quantity, found->quantity);
  compare(what + " reserved", expected.reserved, found->reserved);
  compare(what + " available", expected.available, found->available());
  compare(what + " averageCost", expected.average_cost, found->average_cost);
  if (expected.market_value || expected.unrealized_pnl) {
    Result<AccountPerformance> performance = portfolio.performance(ref->user_id, ref->id);
    if (!usable(what + " performance", performance.status())) return;
    for (const PositionPerformance& position : performance->positions) {
      if (position.symbol != symbol) continue;
      compare(what + " marketValue", expected.market_value, position.market_value);
      compare(what + " unrealizedPnl", expected.unrealized_pnl, position.unrealized_pnl);
    }
  }
}

void Checker::quote(const QuoteExpectation& expected) {
  std::string what = "quote " + expected.symbol;
  Result<Quote> found = world_.platform().stock().quote(expected.symbol);
  if (!usable(what, found.status())) return;
  compare(what + " price", expected.price, found->price);
  compare(what + " open", expected.open, found->open);
  compare(what + " previousClose", expected.previous_close, found->previous_close);
  compare(what + " dayHigh", expected.day_high, found->day_high);
  compare(what + " dayLow", expected.day_low, found->day_low);
  compare(what + " source", expected.source, found->source);
  compare(what + " marketState", expected.market_state, found->market_state);
}

void Checker::fx(const FxExpectation& expected) {
  std::string what = "fxRate " + std::string(currency_code(expected.from)) + "/" +
                     std::string(currency_code(expected.to));
  Result<Price> rate = world_.platform().stock().fx_rate(expected.from, expected.to);
  if (!usable(what, rate.status())) return;
  compare(what, std::optional<Price>(expected.rate), *rate);
}

void Checker::user(const UserExpectation& expected) {
  std::string name = expected.user.empty() ? effect_.user : expected.user;
  std::string what = "user " + name;
  Result<ScenarioWorld::User> user = world_.user(name);
  if (!usable(what, user.status())) return;
  Platform& platform = world_.platform();
  if (expected.profile) {
    Result<Profile> profile = platform.users().profile(user->id);
    bool exists = profile.ok();
    if (!exists && profile.status().code() != ErrorCode::kNotFound) {
      usable(what + " profile", profile.status());
    } else {
      compare(what + " profile", expected.profile, exists);
    }
  }
  if (expected.roles) {
    Result<std::vector<std::string>> roles = platform.security().roles_of(user->id);
    if (usable(what + " roles", roles.status())) {
      compare(what + " roles", expected.roles, static_cast<std::int64_t>(roles->size()));
    }
  }
  if (expected.accounts) {
    Result<std::vector<Account>> accounts = platform.portfolio().accounts(user->id);
    if (usable(what + " accounts", accounts.status())) {
      compare(what + " accounts", expected.accounts, static_cast<std::int64_t>(accounts->size()));
    }
  }
  if (expected.orders) {
    Result<std::vector<Order>> orders = platform.orders().orders(user->id);
    if (usable(what + " orders", orders.status())) {
      compare(what + " orders", expected.orders, static_cast<std::int64_t>(orders->size()));
    }
  }
}

void Checker::time(const std::optional<Timestamp>& expected) {
  compare("time", expected, world_.clock().now());
}

}  // namespace

std::vector<std::string> check_expectations(ScenarioWorld& world, const Expectations& expect,
                                            const StepEffect& effect, std::size_t& checks) {
  Checker checker(world, effect);
  checker.error(expect.error);
  for (const OrderExpectation& order : expect.orders) checker.order(order);
  for (const AccountExpectation& account : expect.accounts) checker.account(account);
  for (const HoldingExpectation& holding : expect.holdings) checker.holding(holding);
  for (const QuoteExpectation& quote : expect.quotes) checker.quote(quote);
  for (const FxExpectation& fx : expect.fx_rates) checker.fx(fx);
  for (const UserExpectation& user : expect.users) checker.user(user);
  checker.time(expect.time);
  checks += checker.checks();
  return checker.take_differences();
}

}  // namespace fafnir
