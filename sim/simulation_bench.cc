#include "sim/simulation_bench.h"

#include <algorithm>
#include <chrono>

#include "sim/sharded_simulation.h"
#include "sim/simulation.h"

namespace fafnir {
namespace {

template <typename Run>
Result<SimulationBenchResult> timed(const Run& run, std::size_t shards) {
  auto start = std::chrono::steady_clock::now();
  FAFNIR_ASSIGN_OR_RETURN(SimulationResult result, run());
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  SimulationBenchResult bench;
  bench.orders = result.orders;
  bench.seconds = elapsed.count();
  bench.orders_per_second = static_cast<double>(result.orders) / bench.seconds;
  bench.shards = shards;
  return bench;
}

}  // namespace

Result<SimulationBenchResult> run_simulation_bench(const SimulationOptions& options,
                                                   Transport& transport,
                                                   const std::filesystem::path& data_dir,
                                                   std::size_t shards) {
  if (shards > 1) {
    if (!data_dir.empty()) return Status::InvalidArgument("sharded simulations keep no files");
    FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<ShardedSimulation> simulation,
                            ShardedSimulation::create(options, transport, shards));
    return timed([&] { return simulation->run(); }, simulation->shards());
  }
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<Simulation> simulation,
                          Simulation::create(options, transport, data_dir));
  return timed([&] { return simulation->run(); }, 1);
}

SimulationBenchSummary summarize_simulation_runs(std::vector<SimulationBenchResult> runs) {
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) {
    return a.orders_per_second < b.orders_per_second;
  });
  return {runs[runs.size() / 2], runs.front().orders_per_second, runs.back().orders_per_second,
          runs.size()};
}

}  // namespace fafnir
