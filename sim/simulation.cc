#include "sim/simulation.h"

#include <algorithm>
#include <cstdio>

#include "core/common/encoding.h"
#include "sim/seeded_random.h"

namespace fafnir {
namespace {

constexpr std::size_t kHistoryWindow = 64;  // decision points an agent can look back
constexpr std::string_view kStart = "2026-01-05T14:30:00Z";  // a Monday's open in New York
constexpr std::string_view kPassword = "simulated-agent";

std::string agent_name(std::size_t number) {
  char name[32];
  std::snprintf(name, sizeof name, "agent-%03zu", number);
  return name;
}

OrderRequest order_request(const std::string& symbol, const OrderIntent& intent) {
  if (intent.limit) {
    return {symbol,       intent.side,  OrderType::kLimit, intent.quantity,
            intent.limit, std::nullopt, TimeInForce::kDay};
  }
  return {symbol,       intent.side,  OrderType::kMarket, intent.quantity,
          std::nullopt, std::nullopt, TimeInForce::kGtc};
}

}  // namespace

Simulation::Simulation(SimulationOptions options)
    : options_(std::move(options)), clock_(*parse_rfc3339(kStart)) {}

Result<std::unique_ptr<Simulation>> Simulation::create(SimulationOptions options,
                                                       Transport& transport,
                                                       const std::filesystem::path& data_dir,
                                                       AgentShard shard) {
  if (shard.count == 0 || shard.index >= shard.count) {
    return Status::InvalidArgument("agent shard " + std::to_string(shard.index) + " of " +
                                   std::to_string(shard.count) + " does not exist");
  }
  FAFNIR_RETURN_IF_ERROR(validate_simulation_options(options));
  std::unique_ptr<Simulation> simulation(new Simulation(std::move(options)));
  const SimulationOptions& chosen = simulation->options_;
  FAFNIR_ASSIGN_OR_RETURN(Ports ports, transport.open({data_dir, &simulation->clock_}));
  PlatformOptions platform_options;
  platform_options.jwt_secret = random_token();  // never used: agents call the services directly
  platform_options.password_hashing = PasswordHashingOptions::fast_for_tests();
  platform_options.market.seed = chosen.seed;
  platform_options.market.start = simulation->clock_.now();
  platform_options.market.session = SessionMode::kExchange;
  platform_options.portfolio.opening_deposit = Money();  // each agent gets starting_cash only
  platform_options.simulated_clock = &simulation->clock_;
  FAFNIR_ASSIGN_OR_RETURN(simulation->platform_,
                          Platform::create(std::move(ports), simulation->clock_, simulation->ids_,
                                           std::move(platform_options)));

  for (const std::string& symbol : chosen.symbols) {
    FAFNIR_ASSIGN_OR_RETURN(const Instrument* instrument,
                            simulation->platform_->stock().instrument(symbol));
    if (!instrument->tradable() || instrument->currency != Currency::kUsd) {
      return Status::InvalidArgument("simulations trade USD equities and ETFs; " + symbol +
                                     " is not one");
    }
  }
  simulation->market_.symbols = chosen.symbols;
  simulation->market_.history.resize(chosen.symbols.size());
  simulation->result_.options = chosen;
  for (std::size_t number = 1 + shard.index; number <= chosen.agents; number += shard.count) {
    FAFNIR_RETURN_IF_ERROR(simulation->add_agent(number));
  }
  return simulation;
}

Status Simulation::add_agent(std::size_t number) {
  Agent agent;
  agent.name = agent_name(number);
  const std::string& strategy = options_.strategies[(number - 1) % options_.strategies.size()];
  agent.rng.seed(mix_seed(options_.seed, number));
  FAFNIR_ASSIGN_OR_RETURN(agent.strategy, make_strategy(strategy, agent.rng));
  FAFNIR_ASSIGN_OR_RETURN(
      agent.user_id,
      platform_->auth().register_user({agent.name + "@simulation.example", std::string(kPassword),
                                       "Agent", agent.name.substr(6)}));
  FAFNIR_RETURN_IF_ERROR(platform_->settle().status());
  FAFNIR_ASSIGN_OR_RETURN(Account account,
                          platform_->portfolio().create_account(
                              agent.user_id, AccountType::kInvestment, Currency::kUsd));
  agent.account_id = account.id;
  FAFNIR_RETURN_IF_ERROR(
      platform_->portfolio()
          .deposit(agent.user_id, account.id, options_.starting_cash, Currency::kUsd)
          .status());
  result_.agents.push_back({agent.name, strategy, {}, 0, 0});
  agents_.push_back(std::move(agent));
  return Status::Ok();
}

Result<SimulationResult> Simulation::run(const Progress& progress) {
  const MarketCalendar& calendar = platform_->stock().calendar();
  std::size_t total = static_cast<std::size_t>(options_.days * options_.decisions_per_day);
  std::size_t done = 0;
  std::vector<AgentView> views;
  TradingSession session = calendar.session_at_or_after(clock_.now());
  for (int day = 0; day < options_.days; ++day) {
    if (day > 0) session = calendar.session(session.day + 1);
    Duration interval = (session.close - session.open) / options_.decisions_per_day;
    for (int decision = 0; decision < options_.decisions_per_day; ++decision) {
      FAFNIR_RETURN_IF_ERROR(move_to(session.open + interval * decision));
      FAFNIR_RETURN_IF_ERROR(sample(views));
      FAFNIR_RETURN_IF_ERROR(act(views));
      if (progress) progress(++done, total);
    }
  }
  FAFNIR_RETURN_IF_ERROR(move_to(session.close));
  FAFNIR_RETURN_IF_ERROR(sample(views));

  for (std::size_t i = 0; i < agents_.size(); ++i) {
    FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> orders,
                            platform_->orders().orders(agents_[i].user_id));
    AgentRecord& record = result_.agents[i];
    record.orders = agents_[i].orders;
    record.trades = std::count_if(orders.begin(), orders.end(), [](const Order& order) {
      return order.filled_quantity.is_positive();
    });
    result_.orders += record.orders;
  }
  return std::move(result_);
}

Status Simulation::move_to(Timestamp when) {
  if (when.micros <= clock_.now().micros) return Status::Ok();
  return platform_->advance(when - clock_.now());
}

Status Simulation::sample(std::vector<AgentView>& views) {
  FAFNIR_RETURN_IF_ERROR(platform_->settle().status());
  std::vector<Price> prices;
  for (std::size_t i = 0; i < options_.symbols.size(); ++i) {
    FAFNIR_ASSIGN_OR_RETURN(Price price, platform_->stock().last_price(options_.symbols[i]));
    prices.push_back(price);
    std::vector<Price>& history = market_.history[i];
    history.push_back(price);
    if (history.size() > kHistoryWindow) history.erase(history.begin());
  }
  result_.times.push_back(clock_.now());
  result_.prices.push_back(std::move(prices));

  std::vector<OwnedAccountRef> accounts;
  accounts.reserve(agents_.size());
  for (const Agent& agent : agents_) accounts.push_back({agent.user_id, agent.account_id});
  FAFNIR_ASSIGN_OR_RETURN(std::vector<AccountPerformance> performances,
                          platform_->portfolio().performances(accounts));
  views.assign(agents_.size(), AgentView{});
  for (std::size_t i = 0; i < agents_.size(); ++i) {
    const AccountPerformance& performance = performances[i];
    AgentView& view = views[i];
    view.buying_power = performance.cash - performance.reserved;
    view.equity = performance.equity;
    view.holdings.assign(options_.symbols.size(), Quantity());
    for (const PositionPerformance& position : performance.positions) {
      auto found = std::find(options_.symbols.begin(), options_.symbols.end(), position.symbol);
      if (found != options_.symbols.end()) {
        view.holdings[static_cast<std::size_t>(found - options_.symbols.begin())] =
            position.quantity;
      }
    }
    result_.agents[i].equity.push_back(performance.equity);
  }
  return Status::Ok();
}

Status Simulation::act(const std::vector<AgentView>& views) {
  for (std::size_t i = 0; i < agents_.size(); ++i) {
    Agent& agent = agents_[i];
    for (const OrderIntent& intent : agent.strategy->decide(market_, views[i], agent.rng)) {
      const std::string& symbol = options_.symbols.at(intent.symbol);
      Result<Order> placed =
          platform_->orders().place(agent.user_id, order_request(symbol, intent));
      if (!placed.ok()) {
        return placed.status().with_context(agent.name + " placing an order for " + symbol);
      }
      ++agent.orders;
    }
  }
  return Status::Ok();
}

}  // namespace fafnir
