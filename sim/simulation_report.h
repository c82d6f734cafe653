#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/common/fixed_point.h"
#include "core/common/status.h"
#include "sim/equity_stats.h"
#include "sim/simulation_result.h"

namespace fafnir {

struct AgentSummary {
  std::string name;
  std::string strategy;
  Money final_equity;
  EquityStats stats;
  std::int64_t trades = 0;
  std::int64_t orders = 0;
};

// The market index: the equal-weight average of the symbols' prices, each relative to its first
// sample, times the agents' starting cash (so it starts where every agent does).
struct MarketSummary {
  std::vector<double> index;  // parallel to SimulationResult::times
  EquityStats stats;          // of the index
};

// What a simulation's report says. Agents keep their order; `ranking` lists their positions from
// the worst total return to the best (ties in agent order).
struct SimulationReport {
  std::vector<AgentSummary> agents;
  std::vector<std::size_t> ranking;
  MarketSummary market;

  const AgentSummary& best() const { return agents[ranking.back()]; }
  const AgentSummary& worst() const { return agents[ranking.front()]; }
  const AgentSummary& median() const { return agents[ranking[(ranking.size() - 1) / 2]]; }
};

// REQUIRES: `result` has at least one agent and one sample.
SimulationReport summarize_simulation(const SimulationResult& result);

// report.json's content: "parameters", "market" and "agents" (name, strategy, finalEquity,
// return, volatility, sharpe, maxDrawdown, trades, orders). Statistics are rounded to 6
// decimals and the index to the cent, so equal runs give equal bytes.
nlohmann::json report_json(const SimulationResult& result, const SimulationReport& report);

// report.csv's content: a header line, then one line per agent in agent order.
std::string report_csv(const SimulationReport& report);

// Writes report.json, report.csv and equity.svg into `dir` (created when missing). Internal
// naming the file on a write failure.
Status write_simulation_report(const SimulationResult& result, const SimulationReport& report,
                               const std::filesystem::path& dir);

}  // namespace fafnir
