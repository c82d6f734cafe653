#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

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

}  // namespace fafnir
