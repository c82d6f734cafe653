#include "cli/simulation_session.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/progress_bar.h"
#include "cli/table.h"
#include "cli/temp_directory.h"
#include "sim/sharded_simulation.h"
#include "sim/simulation.h"
#include "transports/memory/memory_transport.h"

namespace fafnir {
namespace {

// Creates the simulation (registration and funding), then runs it under a progress bar.
template <typename Simulated>
Result<SimulationResult> run_with_progress(Result<std::unique_ptr<Simulated>> created,
                                           bool progress) {
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<Simulated> simulation, std::move(created));
  ProgressBar bar(std::cerr, "simulating", progress);
  FAFNIR_ASSIGN_OR_RETURN(
      SimulationResult result,
      simulation->run([&bar](std::size_t done, std::size_t total) { bar.update(done, total); }));
  bar.finish();
  return result;
}

Result<SimulationOutcome> run_in(const SimulationOptions& options, Transport& transport,
                                 const std::filesystem::path& data_dir,
                                 const std::filesystem::path& out_dir, bool progress) {
  std::size_t shards = simulation_shards(transport);
  FAFNIR_ASSIGN_OR_RETURN(
      SimulationResult result,
      shards > 1 ? run_with_progress(ShardedSimulation::create(options, transport, shards), progress)
                 : run_with_progress(Simulation::create(options, transport, data_dir), progress));
  SimulationReport report = summarize_simulation(result);
  FAFNIR_RETURN_IF_ERROR(write_simulation_report(result, report, out_dir));
  return SimulationOutcome{std::move(result), std::move(report)};
}

std::string percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.2f%%", fraction * 100);
  return text;
}

std::string decimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::vector<std::string> agent_row(const std::string& role, const AgentSummary& agent) {
  return {role,
          agent.name,
          agent.strategy,
          agent.final_equity.format(2),
          percent(agent.stats.total_return),
          decimal(agent.stats.sharpe),
          percent(-agent.stats.max_drawdown),
          std::to_string(agent.trades)};
}

}  // namespace

std::size_t simulation_shards(const Transport& transport) {
  if (transport.name() != MemoryTransport::kName) return 1;
  return std::max(1u, std::thread::hardware_concurrency());
}

Result<SimulationOutcome> run_simulation_session(const SimulationOptions& options,
                                                 Transport& transport, const std::string& data_dir,
                                                 const std::filesystem::path& out_dir,
                                                 bool progress) {
  if (transport.name() == MemoryTransport::kName) {
    if (!data_dir.empty()) {
      return Status::InvalidArgument(
          "--data-dir would keep a simulation's SQLite files, which the memory transport does not "
          "write; run `fafnir simulate --transport embedded` to keep them");
    }
    return run_in(options, transport, {}, out_dir, progress);
  }
  if (!data_dir.empty()) {
    std::error_code error;
    if (std::filesystem::exists(data_dir, error) && !std::filesystem::is_empty(data_dir, error)) {
      return Status::FailedPrecondition(
          "--data-dir " + data_dir +
          " is not empty; a simulation needs a new directory (leave --data-dir out to use a "
          "temporary one)");
    }
    return run_in(options, transport, data_dir, out_dir, progress);
  }
  FAFNIR_ASSIGN_OR_RETURN(std::filesystem::path temporary, make_temp_directory("fafnir-simulate"));
  Result<SimulationOutcome> outcome = run_in(options, transport, temporary, out_dir, progress);
  std::error_code ignored;
  std::filesystem::remove_all(temporary, ignored);
  return outcome;
}

std::string simulation_summary(const SimulationOutcome& outcome,
                               const std::filesystem::path& out_dir) {
  const SimulationResult& result = outcome.result;
  const SimulationReport& report = outcome.report;
  const SimulationOptions& options = result.options;
  std::string symbols;
  for (const std::string& symbol : options.symbols)
    symbols += (symbols.empty() ? "" : " ") + symbol;
  std::int64_t orders = 0, trades = 0;
  for (const AgentSummary& agent : report.agents) {
    orders += agent.orders;
    trades += agent.trades;
  }
  std::string text = "fafnir simulate: " + std::to_string(options.agents) + " agents, " +
                     std::to_string(options.days) + " trading days from " +
                     format_rfc3339(result.times.front()).substr(0, 10) + ", seed " +
                     std::to_string(options.seed) + "\n";
  text += "market index (equal weight of " + symbols +
          "): " + percent(report.market.stats.total_return) + ", max drawdown " +
          percent(-report.market.stats.max_drawdown) + "\n";
  text +=
      "orders: " + std::to_string(orders) + " placed, " + std::to_string(trades) + " filled\n\n";

  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> seen;
  for (const std::string& strategy : options.strategies) {
    if (std::find(seen.begin(), seen.end(), strategy) != seen.end()) continue;
    seen.push_back(strategy);
    int count = 0;
    double total_return = 0, sharpe = 0;
    double best = -1e300, worst = 1e300;
    std::int64_t strategy_trades = 0;
    for (const AgentSummary& agent : report.agents) {
      if (agent.strategy != strategy) continue;
      ++count;
      total_return += agent.stats.total_return;
      sharpe += agent.stats.sharpe;
      best = std::max(best, agent.stats.total_return);
      worst = std::min(worst, agent.stats.total_return);
      strategy_trades += agent.trades;
    }
    if (count == 0) continue;
    rows.push_back({strategy, std::to_string(count), percent(total_return / count), percent(best),
                    percent(worst), decimal(sharpe / count), std::to_string(strategy_trades)});
  }
  text += render_table(
      {"STRATEGY", "AGENTS", "MEAN RETURN", "BEST", "WORST", "MEAN SHARPE", "TRADES"}, rows);
  text +=
      "\n" + render_table(
                 {"", "AGENT", "STRATEGY", "EQUITY", "RETURN", "SHARPE", "MAX DRAWDOWN", "TRADES"},
                 {agent_row("best", report.best()), agent_row("median", report.median()),
                  agent_row("worst", report.worst())});
  text += "\nreport: " + (out_dir / "report.json").string() + ", " +
          (out_dir / "report.csv").string() + "\nchart:  " + (out_dir / "equity.svg").string() +
          "\n";
  return text;
}

}  // namespace fafnir
