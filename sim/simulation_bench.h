#pragma once

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
};

// Runs the simulation of `options` on a fresh platform over `transport` (files, if any, in
// `data_dir`) and times Simulation::run(): advancing the market, deciding, placing, filling and
// settling.
Result<SimulationBenchResult> run_simulation_bench(const SimulationOptions& options,
                                                   Transport& transport,
                                                   const std::filesystem::path& data_dir);

}  // namespace fafnir
