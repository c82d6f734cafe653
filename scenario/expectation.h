#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/currency.h"
#include "core/common/fixed_point.h"
#include "core/common/status.h"
#include "core/common/timestamp.h"
#include "core/order/order.h"
#include "core/portfolio/account.h"
#include "core/stock/market_state.h"

namespace fafnir {

// What a scenario step expects to hold after it ran and its events settled. Every field is
// optional; only the fields given are checked. Labels name entities the scenario created:
// orders by their label, accounts as "user.label", users by name.

// The step must fail: with this code (when given) and a message containing `message_contains`
// (when given, compared ignoring letter case).
struct ErrorExpectation {
  std::optional<ErrorCode> code;
  std::optional<std::string> message_contains;
};

struct OrderExpectation {
  std::string order;  // label; empty: the order the step placed or canceled
  std::optional<bool> exists;
  std::optional<OrderStatus> status;
  std::optional<Price> fill_price;  // the average fill price
  std::optional<Quantity> filled_quantity;
  std::optional<std::string> reason_contains;  // reject, cancel or expiry reason, any letter case
  std::optional<Money> reserved_cash;
  std::optional<bool> stop_triggered;
};

struct AccountExpectation {
  std::string account;  // "user.label"; empty: the account the step acted on
  std::optional<bool> exists;
  std::optional<Money> balance;
  std::optional<Money> reserved;
  std::optional<Money> buying_power;
  std::optional<Money> realized_pnl;
  std::optional<Money> unrealized_pnl;
  std::optional<Money> market_value;
  std::optional<Money> equity;
  std::optional<std::int64_t> ledger_count;
  std::optional<TransactionType> last_entry_type;
  std::optional<Money> last_entry_amount;
  std::optional<std::string> last_entry_description_contains;  // any letter case
};

// A holding that does not exist has quantity 0 (and nothing else to compare).
struct HoldingExpectation {
  std::string account;  // "user.label"; empty: the account the step acted on
  std::string symbol;
  std::optional<Quantity> quantity;
  std::optional<Quantity> reserved;
  std::optional<Quantity> available;
  std::optional<Price> average_cost;
  std::optional<Money> market_value;
  std::optional<Money> unrealized_pnl;
};

struct QuoteExpectation {
  std::string symbol;
  std::optional<Price> price;
  std::optional<Price> open;
  std::optional<Price> previous_close;
  std::optional<Price> day_high;
  std::optional<Price> day_low;
  std::optional<std::string> source;  // "simulated" or "replay"
  std::optional<MarketState> market_state;
};

// Units of `to` per unit of `from`.
struct FxExpectation {
  Currency from = Currency::kUsd;
  Currency to = Currency::kCad;
  Price rate;
};

// What is left of a user in every service (after deletion: nothing).
struct UserExpectation {
  std::string user;  // name; empty: the user the step acted on
  std::optional<bool> profile;
  std::optional<std::int64_t> roles;
  std::optional<std::int64_t> accounts;
  std::optional<std::int64_t> orders;
};

struct Expectations {
  std::optional<ErrorExpectation> error;
  std::vector<OrderExpectation> orders;
  std::vector<AccountExpectation> accounts;
  std::vector<HoldingExpectation> holdings;
  std::vector<QuoteExpectation> quotes;
  std::vector<FxExpectation> fx_rates;
  std::vector<UserExpectation> users;
  std::optional<Timestamp> time;  // the simulated now
};

}  // namespace fafnir
