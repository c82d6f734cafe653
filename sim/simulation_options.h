#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/fixed_point.h"
#include "core/common/status.h"
#include "sim/strategy_registry.h"

namespace fafnir {

// What a simulation runs. Validated once by validate_simulation_options().
struct SimulationOptions {
  std::size_t agents = 20;  // trading agents, named agent-001, agent-002, ...
  int days = 5;             // trading days (exchange sessions from Monday 2026-01-05)
  std::uint64_t seed = 1;   // seeds the market's prices and every agent's generator
  // Strategy names, assigned to the agents round-robin; default: all four bundled ones.
  std::vector<std::string> strategies = strategy_names();
  // What the agents trade: USD equities with a 0.01 tick; default eight large caps.
  std::vector<std::string> symbols = {"AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "JPM", "KO", "XOM"};
  int decisions_per_day = 26;  // decision points per session, evenly spaced from the open
  Money starting_cash = Money::from_micros(100'000'000'000);  // each agent's deposit: 100,000.00
};

// InvalidArgument naming the first bad field: agents outside [1, 10000], days outside [1, 260],
// decisions per day outside [1, 390], no strategies or an unknown one, no symbols, or
// non-positive starting cash.
Status validate_simulation_options(const SimulationOptions& options);

}  // namespace fafnir
