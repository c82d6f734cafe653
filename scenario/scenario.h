#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/common/currency.h"
#include "core/common/fixed_point.h"
#include "core/common/timestamp.h"
#include "core/order/order_request.h"
#include "core/portfolio/account.h"
#include "core/stock/market_state.h"
#include "scenario/expectation.h"

namespace fafnir {

// A parsed scenario file: market set-up, users with their accounts, then numbered steps, each an
// action with expectations. Plain values; see scenarios/README.md for the file format.

struct MarketSetup {
  std::uint64_t seed = 0;
  Timestamp start;
  SessionMode session = SessionMode::k24h;
  std::optional<Price> usd_cad;         // fixed CAD per USD; none: the simulated rate
  std::map<std::string, Price> prices;  // operator overrides set at the start
  std::map<std::string, std::int64_t, std::less<>> volatility_micros;  // annual, per symbol
};

// Platform options a scenario may change; defaults as in PlatformOptions.
struct TradingSetup {
  std::optional<Money> opening_deposit;
  Money commission;
  int slippage_bps = 0;
  std::map<std::string, Quantity, std::less<>> liquidity;  // shares per quote, per symbol
};

struct AccountSetup {
  std::string label;  // unique per user; the account is "user.label"
  AccountType type = AccountType::kInvestment;
  Currency currency = Currency::kUsd;
  std::optional<Money> deposit;  // deposited after the opening deposit
};

struct UserSetup {
  std::string name;  // unique per scenario
  std::string email;
  std::string password;
  std::vector<AccountSetup> accounts;
};

// The actions, one struct per step kind. Names are labels (see expectation.h).
struct RegisterUser {
  UserSetup user;
};
struct Login {
  std::string user;
  std::optional<std::string> password;  // none: the user's own
};
struct CreateAccount {
  std::string user;
  AccountSetup account;
};
struct Deposit {
  std::string account;
  Money amount;
  std::optional<Currency> currency;  // none: the account's
};
struct Transfer {
  std::string from;
  std::string to;
  Money amount;
  std::optional<Currency> currency;  // none: the source account's
};
struct PlaceOrder {
  std::string user;
  std::string label;  // may be empty
  OrderRequest request;
};
struct CancelOrder {
  std::string order;
  std::optional<std::string> user;  // none: the order's owner
};
struct SetPrice {
  std::string symbol;
  Price price;
};
struct Advance {
  std::optional<Duration> duration;  // exactly one of duration and until
  std::optional<Timestamp> until;
};
struct ImportCsv {
  std::string symbol;
  std::string csv;  // the text, read from "file" when the scenario gave one
};
struct DeleteAccount {
  std::string account;
};
struct DeleteUser {
  std::string user;
};
struct Checkpoint {};

using StepAction =
    std::variant<RegisterUser, Login, CreateAccount, Deposit, Transfer, PlaceOrder, CancelOrder,
                 SetPrice, Advance, ImportCsv, DeleteAccount, DeleteUser, Checkpoint>;

struct Step {
  int number = 0;     // 1-based position in "steps"
  std::string kind;   // as written in the file, e.g. "placeOrder"
  std::string label;  // may be empty
  std::string note;   // free text from the file, may be empty
  StepAction action;
  Expectations expect;
};

struct Scenario {
  std::filesystem::path file;
  std::string name;
  std::string description;
  MarketSetup market;
  TradingSetup trading;
  std::vector<UserSetup> users;
  std::vector<Step> steps;
};

}  // namespace fafnir
