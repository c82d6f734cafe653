#include "scenario/scenario_parser.h"

#include <array>

#include "scenario/expectation_parser.h"
#include "scenario/json_fields.h"
#include "scenario/label_scope.h"
#include "scenario/scenario_files.h"

namespace fafnir {
namespace {

using nlohmann::json;

constexpr const char* kDefaultPassword = "scenario-password";
constexpr std::int64_t kMaxSlippageBps = 10'000;
constexpr std::int64_t kMaxAnnualVolatilityMicros = 5'000'000;

Result<json> parse_json(std::string_view text, const std::string& file) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    // nlohmann says "[json.exception.parse_error.101] parse error at line 4, column 17: why".
    std::string what = error.what();
    std::size_t at = what.find("at line ");
    std::size_t comma = what.find(", column ", at);
    std::size_t colon = what.find(": ", comma);
    if (at == std::string::npos || comma == std::string::npos || colon == std::string::npos) {
      return Status::InvalidArgument(file + ": byte " + std::to_string(error.byte) +
                                     ": invalid JSON: " + what);
    }
    std::string line = what.substr(at + 8, comma - at - 8);
    std::string column = what.substr(comma + 9, colon - comma - 9);
    return Status::InvalidArgument(file + ":" + line + ":" + column +
                                   ": invalid JSON: " + what.substr(colon + 2));
  }
}

std::string place(std::string_view what, int number, const std::string& label) {
  std::string where = std::string(what) + " " + std::to_string(number);
  return label.empty() ? where : where + " (\"" + label + "\")";
}

Status refuse_dot(const JsonFields& fields, std::string_view key, const std::string& name) {
  if (name.empty()) return fields.error(key, "must not be empty");
  if (name.find('.') != std::string::npos) {
    return fields.error(key, "must not contain '.' (accounts are named \"user.label\")");
  }
  return Status::Ok();
}

class Parser {
 public:
  explicit Parser(std::filesystem::path file) : file_(std::move(file)) {}

  Result<Scenario> scenario(const json& root);

 private:
  using StepParser = Result<StepAction> (Parser::*)(JsonFields&, Step&, StepSubjects&);
  struct StepKind {
    std::string_view name;
    StepParser parse;
  };

  Result<MarketSetup> market(const json& value);
  Result<TradingSetup> trading(const json& value);
  Result<AccountSetup> account_fields(JsonFields& fields, const std::string& user,
                                      std::string_view label_key);
  Result<UserSetup> user(const json& value, const std::string& where);
  Result<Step> step(const json& value, int number);

  Result<StepAction> register_user(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> login(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> create_account(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> deposit(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> transfer(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> place_order(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> cancel_order(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> set_price(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> advance(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> import_csv(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> delete_account(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> delete_user(JsonFields& fields, Step& step, StepSubjects& subjects);
  Result<StepAction> checkpoint(JsonFields& fields, Step& step, StepSubjects& subjects);

  static constexpr std::array<StepKind, 13> kKinds{{
      {"register", &Parser::register_user},
      {"login", &Parser::login},
      {"createAccount", &Parser::create_account},
      {"deposit", &Parser::deposit},
      {"transfer", &Parser::transfer},
      {"placeOrder", &Parser::place_order},
      {"cancelOrder", &Parser::cancel_order},
      {"setPrice", &Parser::set_price},
      {"advance", &Parser::advance},
      {"importCsv", &Parser::import_csv},
      {"deleteAccount", &Parser::delete_account},
      {"deleteUser", &Parser::delete_user},
      {"checkpoint", &Parser::checkpoint},
  }};

  Result<std::string> user_reference(JsonFields& fields, std::string_view key) {
    FAFNIR_ASSIGN_OR_RETURN(std::string name, fields.text(key));
    FAFNIR_RETURN_IF_ERROR(scope_.require_user(fields, key, name));
    return name;
  }
  Result<std::string> account_reference(JsonFields& fields, std::string_view key) {
    FAFNIR_ASSIGN_OR_RETURN(std::string name, fields.text(key));
    FAFNIR_RETURN_IF_ERROR(scope_.require_account(fields, key, name));
    return name;
  }

  std::filesystem::path file_;
  LabelScope scope_;
};

Result<MarketSetup> Parser::market(const json& value) {
  FAFNIR_ASSIGN_OR_RETURN(JsonFields fields, JsonFields::of(value, "market"));
  MarketSetup market;
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::uint64_t> seed, fields.optional_unsigned("seed"));
  if (!seed) return fields.missing("seed");
  market.seed = *seed;
  FAFNIR_ASSIGN_OR_RETURN(market.start, fields.parsed("start", parse_rfc3339));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<SessionMode> session,
                          fields.optional_parsed("session", parse_session_mode));
  market.session = session.value_or(SessionMode::k24h);
  FAFNIR_ASSIGN_OR_RETURN(market.usd_cad, fields.optional_decimal<Price>("usdCad"));
  if (const json* prices = fields.find("prices")) {
    FAFNIR_ASSIGN_OR_RETURN(JsonFields by_symbol, JsonFields::of(*prices, "market.prices"));
    for (const auto& [symbol, price] : prices->items()) {
      FAFNIR_ASSIGN_OR_RETURN(Price parsed, by_symbol.decimal<Price>(symbol));
      market.prices.emplace(symbol, parsed);
    }
  }
  if (const json* volatility = fields.find("volatility")) {
    FAFNIR_ASSIGN_OR_RETURN(JsonFields by_symbol,
                            JsonFields::of(*volatility, "market.volatility"));
    for (const auto& [symbol, value] : volatility->items()) {
      FAFNIR_ASSIGN_OR_RETURN(std::optional<std::int64_t> micros, by_symbol.optional_micros(symbol));
      if (*micros < 0 || *micros > kMaxAnnualVolatilityMicros) {
        return by_symbol.error(symbol, "annual volatility must be between 0 and 5 (500%)");
      }
      market.volatility_micros.emplace(symbol, *micros);
    }
  }
  FAFNIR_RETURN_IF_ERROR(fields.finish());
  return market;
}

Result<TradingSetup> Parser::trading(const json& value) {
  FAFNIR_ASSIGN_OR_RETURN(JsonFields fields, JsonFields::of(value, "trading"));
  TradingSetup trading;
  FAFNIR_ASSIGN_OR_RETURN(trading.opening_deposit,
                          fields.optional_decimal<Money>("openingDeposit"));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Money> commission,
                          fields.optional_decimal<Money>("commission"));
  trading.commission = commission.value_or(Money());
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::int64_t> slippage,
                          fields.optional_count("slippageBps"));
  if (slippage.value_or(0) > kMaxSlippageBps) {
    return fields.error("slippageBps", "must be at most " + std::to_string(kMaxSlippageBps));
  }
  trading.slippage_bps = static_cast<int>(slippage.value_or(0));
  if (const json* liquidity = fields.find("liquidity")) {
    FAFNIR_ASSIGN_OR_RETURN(JsonFields by_symbol,
                            JsonFields::of(*liquidity, "trading.liquidity"));
    for (const auto& [symbol, value] : liquidity->items()) {
      FAFNIR_ASSIGN_OR_RETURN(Quantity shares, by_symbol.decimal<Quantity>(symbol));
      if (!shares.is_positive()) return by_symbol.error(symbol, "shares per quote must be positive");
      trading.liquidity.emplace(symbol, shares);
    }
  }
  FAFNIR_RETURN_IF_ERROR(fields.finish());
  return trading;
}

Result<AccountSetup> Parser::account_fields(JsonFields& fields, const std::string& user,
                                            std::string_view label_key) {
  AccountSetup account;
  FAFNIR_ASSIGN_OR_RETURN(account.label, fields.text(label_key));
  FAFNIR_RETURN_IF_ERROR(refuse_dot(fields, label_key, account.label));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<AccountType> type,
                          fields.optional_parsed("type", parse_account_type));
  account.type = type.value_or(AccountType::kInvestment);
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Currency> currency,
                          fields.optional_parsed("currency", parse_currency));
  account.currency = currency.value_or(Currency::kUsd);
  FAFNIR_ASSIGN_OR_RETURN(account.deposit, fields.optional_decimal<Money>("deposit"));
  if (!scope_.accounts.insert(user + "." + account.label).second) {
    return fields.error(label_key, "account \"" + user + "." + account.label + "\" exists already");
  }
  return account;
}

Result<UserSetup> Parser::user(const json& value, const std::string& where) {
  FAFNIR_ASSIGN_OR_RETURN(JsonFields fields, JsonFields::of(value, where));
  UserSetup user;
  FAFNIR_ASSIGN_OR_RETURN(user.name, fields.text("name"));
  FAFNIR_RETURN_IF_ERROR(refuse_dot(fields, "name", user.name));
  if (!scope_.users.insert(user.name).second) {
    return fields.error("name", "user \"" + user.name + "\" exists already");
  }
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> email, fields.optional_text("email"));
  user.email = email.value_or(user.name + "@example.com");
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> password, fields.optional_text("password"));
  user.password = password.value_or(kDefaultPassword);
  FAFNIR_ASSIGN_OR_RETURN(std::vector<const json*> accounts, fields.array("accounts"));
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    FAFNIR_ASSIGN_OR_RETURN(
        JsonFields account,
        JsonFields::of(*accounts[i], fields.where() + ", accounts[" + std::to_string(i) + "]"));
    FAFNIR_ASSIGN_OR_RETURN(AccountSetup setup, account_fields(account, user.name, "label"));
    FAFNIR_RETURN_IF_ERROR(account.finish());
    user.accounts.push_back(std::move(setup));
  }
  FAFNIR_RETURN_IF_ERROR(fields.finish());
  return user;
}

Result<Step> Parser::step(const json& value, int number) {
  FAFNIR_ASSIGN_OR_RETURN(JsonFields probe, JsonFields::of(value, place("step", number, "")));
  Step step;
  step.number = number;
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> label, probe.optional_text("label"));
  step.label = label.value_or("");
  FAFNIR_ASSIGN_OR_RETURN(JsonFields fields,
                          JsonFields::of(value, place("step", number, step.label)));
  (void)fields.find("label");
  FAFNIR_ASSIGN_OR_RETURN(step.kind, fields.text("kind"));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> note, fields.optional_text("note"));
  step.note = note.value_or("");
  const StepKind* kind = nullptr;
  std::string known;
  for (const StepKind& candidate : kKinds) {
    if (candidate.name == step.kind) kind = &candidate;
    known += (known.empty() ? "" : ", ") + std::string(candidate.name);
  }
  if (kind == nullptr) {
    return fields.error("kind", "unknown step kind \"" + step.kind + "\" (use " + known + ")");
  }
  StepSubjects subjects;
  FAFNIR_ASSIGN_OR_RETURN(step.action, (this->*kind->parse)(fields, step, subjects));
  if (const json* expect = fields.find("expect")) {
    FAFNIR_ASSIGN_OR_RETURN(step.expect,
                            parse_expectations(*expect, fields.where(), scope_, subjects));
  }
  FAFNIR_RETURN_IF_ERROR(fields.finish());
  return step;
}

Result<StepAction> Parser::register_user(JsonFields& fields, Step&, StepSubjects& subjects) {
  subjects.user = true;
  // The user's fields sit on the step itself, next to "kind" and "label".
  json user = json::object();
  for (std::string_view key : {"name", "email", "password", "accounts"}) {
    if (const json* value = fields.find(key)) user[std::string(key)] = *value;
  }
  FAFNIR_ASSIGN_OR_RETURN(UserSetup setup, this->user(user, fields.where()));
  return StepAction(RegisterUser{std::move(setup)});
}

Result<StepAction> Parser::login(JsonFields& fields, Step&, StepSubjects& subjects) {
  subjects.user = true;
  Login login;
  FAFNIR_ASSIGN_OR_RETURN(login.user, user_reference(fields, "user"));
  FAFNIR_ASSIGN_OR_RETURN(login.password, fields.optional_text("password"));
  return StepAction(std::move(login));
}

Result<StepAction> Parser::create_account(JsonFields& fields, Step& step, StepSubjects& subjects) {
  subjects.account = true;
  CreateAccount create;
  FAFNIR_ASSIGN_OR_RETURN(create.user, user_reference(fields, "user"));
  if (step.label.empty()) return fields.missing("label");
  FAFNIR_ASSIGN_OR_RETURN(create.account, account_fields(fields, create.user, "label"));
  return StepAction(std::move(create));
}

Result<StepAction> Parser::deposit(JsonFields& fields, Step&, StepSubjects& subjects) {
  subjects.account = true;
  Deposit deposit;
  FAFNIR_ASSIGN_OR_RETURN(deposit.account, account_reference(fields, "account"));
  FAFNIR_ASSIGN_OR_RETURN(deposit.amount, fields.decimal<Money>("amount"));
  FAFNIR_ASSIGN_OR_RETURN(deposit.currency, fields.optional_parsed("currency", parse_currency));
  return StepAction(std::move(deposit));
}

Result<StepAction> Parser::transfer(JsonFields& fields, Step&, StepSubjects& subjects) {
  subjects.account = true;
  Transfer transfer;
  FAFNIR_ASSIGN_OR_RETURN(transfer.from, account_reference(fields, "from"));
  FAFNIR_ASSIGN_OR_RETURN(transfer.to, account_reference(fields, "to"));
  FAFNIR_ASSIGN_OR_RETURN(transfer.amount, fields.decimal<Money>("amount"));
  FAFNIR_ASSIGN_OR_RETURN(transfer.currency, fields.optional_parsed("currency", parse_currency));
  return StepAction(std::move(transfer));
}

Result<StepAction> Parser::place_order(JsonFields& fields, Step& step, StepSubjects& subjects) {
  subjects.order = true;
  subjects.user = true;
  PlaceOrder place;
  place.label = step.label;
  FAFNIR_ASSIGN_OR_RETURN(place.user, user_reference(fields, "user"));
  FAFNIR_ASSIGN_OR_RETURN(place.request.symbol, fields.text("symbol"));
  FAFNIR_ASSIGN_OR_RETURN(place.request.side, fields.parsed("side", parse_order_side));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<OrderType> type,
                          fields.optional_parsed("type", parse_order_type));
  place.request.type = type.value_or(OrderType::kMarket);
  FAFNIR_ASSIGN_OR_RETURN(place.request.quantity, fields.decimal<Quantity>("quantity"));
  FAFNIR_ASSIGN_OR_RETURN(place.request.limit_price, fields.optional_decimal<Price>("price"));
  FAFNIR_ASSIGN_OR_RETURN(place.request.stop_price, fields.optional_decimal<Price>("stopPrice"));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<TimeInForce> tif,
                          fields.optional_parsed("tif", parse_time_in_force));
  place.request.time_in_force = tif.value_or(TimeInForce::kGtc);
  if (!place.label.empty() && !scope_.orders.insert(place.label).second) {
    return fields.error("label", "order \"" + place.label + "\" exists already");
  }
  return StepAction(std::move(place));
}

Result<StepAction> Parser::cancel_order(JsonFields& fields, Step&, StepSubjects& subjects) {
  subjects.order = true;
  CancelOrder cancel;
  FAFNIR_ASSIGN_OR_RETURN(cancel.order, fields.text("order"));
  FAFNIR_RETURN_IF_ERROR(scope_.require_order(fields, "order", cancel.order));
  if (fields.has("user")) {
    FAFNIR_ASSIGN_OR_RETURN(cancel.user, user_reference(fields, "user"));
  }
  return StepAction(std::move(cancel));
}

Result<StepAction> Parser::set_price(JsonFields& fields, Step&, StepSubjects&) {
  SetPrice set;
  FAFNIR_ASSIGN_OR_RETURN(set.symbol, fields.text("symbol"));
  FAFNIR_ASSIGN_OR_RETURN(set.price, fields.decimal<Price>("price"));
  return StepAction(std::move(set));
}

Result<StepAction> Parser::advance(JsonFields& fields, Step&, StepSubjects&) {
  Advance advance;
  FAFNIR_ASSIGN_OR_RETURN(advance.duration, fields.optional_parsed("duration", parse_duration));
  FAFNIR_ASSIGN_OR_RETURN(advance.until, fields.optional_parsed("until", parse_rfc3339));
  if (advance.duration.has_value() == advance.until.has_value()) {
    return Status::InvalidArgument(fields.where() +
                                   ": give exactly one of \"duration\" and \"until\"");
  }
  return StepAction(advance);
}

Result<StepAction> Parser::import_csv(JsonFields& fields, Step&, StepSubjects&) {
  ImportCsv import;
  FAFNIR_ASSIGN_OR_RETURN(import.symbol, fields.text("symbol"));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> csv, fields.optional_text("csv"));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> file, fields.optional_text("file"));
  if (csv.has_value() == file.has_value()) {
    return Status::InvalidArgument(fields.where() + ": give exactly one of \"csv\" and \"file\"");
  }
  if (csv) {
    import.csv = std::move(*csv);
    return StepAction(std::move(import));
  }
  Result<std::string> text = read_text_file(file_.parent_path() / *file);
  if (!text.ok()) return fields.error("file", text.status().message());
  import.csv = std::move(text).value();
  return StepAction(std::move(import));
}

Result<StepAction> Parser::delete_account(JsonFields& fields, Step&, StepSubjects& subjects) {
  subjects.account = true;
  DeleteAccount remove;
  FAFNIR_ASSIGN_OR_RETURN(remove.account, account_reference(fields, "account"));
  return StepAction(std::move(remove));
}

Result<StepAction> Parser::delete_user(JsonFields& fields, Step&, StepSubjects& subjects) {
  subjects.user = true;
  DeleteUser remove;
  FAFNIR_ASSIGN_OR_RETURN(remove.user, user_reference(fields, "user"));
  return StepAction(std::move(remove));
}

Result<StepAction> Parser::checkpoint(JsonFields&, Step&, StepSubjects&) {
  return StepAction(Checkpoint{});
}

Result<Scenario> Parser::scenario(const json& root) {
  FAFNIR_ASSIGN_OR_RETURN(JsonFields fields, JsonFields::of(root, "top level"));
  Scenario scenario;
  scenario.file = file_;
  FAFNIR_ASSIGN_OR_RETURN(scenario.name, fields.text("name"));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> description,
                          fields.optional_text("description"));
  scenario.description = description.value_or("");
  const json* market = fields.find("market");
  if (market == nullptr) return fields.missing("market");
  FAFNIR_ASSIGN_OR_RETURN(scenario.market, this->market(*market));
  if (const json* trading = fields.find("trading")) {
    FAFNIR_ASSIGN_OR_RETURN(scenario.trading, this->trading(*trading));
  }
  FAFNIR_ASSIGN_OR_RETURN(std::vector<const json*> users, fields.array("users"));
  for (std::size_t i = 0; i < users.size(); ++i) {
    FAFNIR_ASSIGN_OR_RETURN(UserSetup user,
                            this->user(*users[i], "users[" + std::to_string(i) + "]"));
    scenario.users.push_back(std::move(user));
  }
  if (!fields.has("steps")) return fields.missing("steps");
  FAFNIR_ASSIGN_OR_RETURN(std::vector<const json*> steps, fields.array("steps"));
  for (std::size_t i = 0; i < steps.size(); ++i) {
    FAFNIR_ASSIGN_OR_RETURN(Step step, this->step(*steps[i], static_cast<int>(i) + 1));
    scenario.steps.push_back(std::move(step));
  }
  FAFNIR_RETURN_IF_ERROR(fields.finish());
  return scenario;
}

}  // namespace

Result<Scenario> parse_scenario(std::string_view text, const std::filesystem::path& file) {
  FAFNIR_ASSIGN_OR_RETURN(json root, parse_json(text, file.string()));
  Result<Scenario> scenario = Parser(file).scenario(root);
  if (!scenario.ok()) {
    return Status::InvalidArgument(file.string() + ": " + scenario.status().message());
  }
  return scenario;
}

Result<Scenario> load_scenario(const std::filesystem::path& file) {
  FAFNIR_ASSIGN_OR_RETURN(std::string text, read_text_file(file));
  return parse_scenario(text, file);
}

}  // namespace fafnir
