#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/fixed_point.h"
#include "core/common/timestamp.h"
#include "sim/simulation_options.h"

namespace fafnir {

// One agent's run: its equity (cash plus holdings at market prices, from the platform's
// portfolio service) at every sample instant.
struct AgentRecord {
  std::string name;           // "agent-001"
  std::string strategy;       // registry name
  std::vector<Money> equity;  // parallel to SimulationResult::times
  std::int64_t orders = 0;    // orders placed (any outcome)
  std::int64_t trades = 0;    // orders that filled
};

// Everything a simulation observed; a pure function of its options.
struct SimulationResult {
  SimulationOptions options;
  // The sample instants: every decision point (before the agents act), then the last close.
  std::vector<Timestamp> times;
  std::vector<AgentRecord> agents;
  // Per sample instant (parallel to times), each symbol's price (parallel to options.symbols).
  std::vector<std::vector<Price>> prices;
  std::int64_t orders = 0;  // orders placed by all agents
};

}  // namespace fafnir
