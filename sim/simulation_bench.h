#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/common/status.h"
#include "core/platform/transport.h"
#include "sim/simulation_options.h"

namespace fafnir {

struct SimulationBenchResult {
  std::int64_t orders = 0;       // orders the agents placed
  double seconds = 0;            // wall time of the run (set-up and registration excluded)
  double orders_per_second = 0;  // orders / seconds
  std::size_t shards = 1;        // platforms the agents were dealt to, run at once
};

// Runs the simulation of `options` on fresh platforms over `transport` (files, if any, in
// `data_dir`) and times the run: advancing the market, deciding, placing, filling and settling.
// With `shards` > 1 the agents are dealt to that many platforms run at once (ShardedSimulation;
// REQUIRES: the memory transport and an empty `data_dir`).
Result<SimulationBenchResult> run_simulation_bench(const SimulationOptions& options,
                                                   Transport& transport,
                                                   const std::filesystem::path& data_dir,
                                                   std::size_t shards = 1);

// Several timings of the same run summed up: the median is the figure to quote, since a noisy
// machine slows single runs by tens of percent.
struct SimulationBenchSummary {
  SimulationBenchResult median;  // of orders per second (the upper middle one for an even count)
  double slowest_orders_per_second = 0;
  double fastest_orders_per_second = 0;
  std::size_t runs = 0;
};

// REQUIRES: `runs` is not empty.
SimulationBenchSummary summarize_simulation_runs(std::vector<SimulationBenchResult> runs);

}  // namespace fafnir
