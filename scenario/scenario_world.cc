#include "scenario/scenario_world.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/common/encoding.h"

namespace fafnir {
namespace {

Result<std::filesystem::path> make_private_directory() {
  std::error_code error;
  std::filesystem::path base = std::filesystem::temp_directory_path(error);
  if (error) return Status::Internal("no temporary directory: " + error.message());
  std::string pattern = (base / "fafnir-scenario-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return Status::Internal("mkdtemp(" + pattern + ") failed: " + std::strerror(errno));
  }
  return std::filesystem::path(pattern);
}

// OK when every key of `by_symbol` names a known instrument exactly as the market spells it.
template <typename Map>
Status check_symbols(Platform& platform, const Map& by_symbol, std::string_view where) {
  for (const auto& entry : by_symbol) {
    const std::string& symbol = entry.first;
    std::string path = std::string(where) + "." + symbol;
    Result<const Instrument*> known = platform.stock().instrument(symbol);
    if (!known.ok()) return known.status().with_context(path);
    if ((*known)->symbol != symbol) {
      return Status::InvalidArgument(path + ": write the symbol as " + (*known)->symbol);
    }
  }
  return Status::Ok();
}

}  // namespace

ScenarioWorld::ScenarioWorld(std::filesystem::path directory, Timestamp start)
    : directory_(std::move(directory)), clock_(start) {}

ScenarioWorld::~ScenarioWorld() {
  platform_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

Result<std::unique_ptr<ScenarioWorld>> ScenarioWorld::create(const Scenario& scenario,
                                                             Transport& transport) {
  FAFNIR_ASSIGN_OR_RETURN(std::filesystem::path directory, make_private_directory());
  std::unique_ptr<ScenarioWorld> world(new ScenarioWorld(directory, scenario.market.start));
  FAFNIR_ASSIGN_OR_RETURN(Ports ports, transport.open({directory / "data", &world->clock_}));
  PlatformOptions options;
  options.jwt_secret = random_token();
  options.password_hashing = PasswordHashingOptions::fast_for_tests();
  options.market.seed = scenario.market.seed;
  options.market.start = scenario.market.start;
  options.market.session = scenario.market.session;
  options.market.fixed_usd_cad = scenario.market.usd_cad;
  options.market.annual_volatility_micros = scenario.market.volatility_micros;
  if (scenario.trading.opening_deposit) {
    options.portfolio.opening_deposit = *scenario.trading.opening_deposit;
  }
  options.trading.commission_per_fill = scenario.trading.commission;
  options.trading.slippage_bps = scenario.trading.slippage_bps;
  options.trading.shares_per_quote = scenario.trading.liquidity;
  options.simulated_clock = &world->clock_;
  FAFNIR_ASSIGN_OR_RETURN(world->platform_, Platform::create(std::move(ports), world->clock_,
                                                             world->ids_, std::move(options)));
  FAFNIR_RETURN_IF_ERROR(
      check_symbols(*world->platform_, scenario.market.volatility_micros, "market.volatility"));
  FAFNIR_RETURN_IF_ERROR(
      check_symbols(*world->platform_, scenario.trading.liquidity, "trading.liquidity"));
  for (const auto& [symbol, price] : scenario.market.prices) {
    Status set = world->platform_->set_price(symbol, price);
    if (!set.ok()) return set.with_context("market.prices." + symbol);
  }
  FAFNIR_RETURN_IF_ERROR(world->platform_->settle().status());
  return world;
}

Status ScenarioWorld::add_user(const UserSetup& user) {
  RegistrationRequest request{user.email, user.password, user.name, "Scenario"};
  FAFNIR_ASSIGN_OR_RETURN(std::string id, platform_->auth().register_user(request));
  users_[user.name] = User{id, user.email, user.password};
  FAFNIR_RETURN_IF_ERROR(platform_->settle().status());
  for (const AccountSetup& account : user.accounts) {
    Result<Account> opened = add_account(user.name, account);
    if (!opened.ok()) return opened.status().with_context("account " + account.label);
  }
  return Status::Ok();
}

Result<Account> ScenarioWorld::add_account(const std::string& user_name,
                                           const AccountSetup& setup) {
  FAFNIR_ASSIGN_OR_RETURN(User user, this->user(user_name));
  FAFNIR_ASSIGN_OR_RETURN(
      Account account, platform_->portfolio().create_account(user.id, setup.type, setup.currency));
  accounts_[user_name + "." + setup.label] =
      AccountRef{user_name, user.id, account.id, account.currency};
  if (setup.deposit) {
    FAFNIR_ASSIGN_OR_RETURN(account, platform_->portfolio().deposit(
                                         user.id, account.id, *setup.deposit, setup.currency));
  }
  return account;
}

Result<ScenarioWorld::User> ScenarioWorld::user(const std::string& name) const {
  auto found = users_.find(name);
  if (found == users_.end()) {
    return Status::NotFound("user '" + name + "' was never registered (its step failed)");
  }
  return found->second;
}

Result<ScenarioWorld::AccountRef> ScenarioWorld::account(const std::string& label) const {
  auto found = accounts_.find(label);
  if (found == accounts_.end()) {
    return Status::NotFound("account '" + label + "' was never opened (its step failed)");
  }
  return found->second;
}

Result<ScenarioWorld::OrderRef> ScenarioWorld::order(const std::string& label) const {
  auto found = orders_.find(label);
  if (found == orders_.end()) {
    return Status::NotFound("order '" + label + "' was never placed (its step failed)");
  }
  return found->second;
}

}  // namespace fafnir
