#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "core/common/status.h"
#include "core/platform/transport.h"
#include "sim/simulation_options.h"
#include "sim/simulation_report.h"
#include "sim/simulation_result.h"

namespace fafnir {

struct SimulationOutcome {
  SimulationResult result;
  SimulationReport report;
};

// How many platforms a simulation on `transport` is dealt to (see ShardedSimulation): one per core
// on the memory transport, else one.
std::size_t simulation_shards(const Transport& transport);

// Runs a simulation on `transport` and writes its report files into `out_dir`. On the memory
// transport the agents are dealt to simulation_shards() platforms run at once and nothing else is
// written, and `data_dir` must be empty (InvalidArgument otherwise).
// Another transport keeps the platform's files in `data_dir` when one is given (it must be missing
// or empty: FailedPrecondition otherwise), else in a fresh temporary directory that is removed
// afterwards, so no user data is touched. Draws a progress bar on stderr when `progress` is set.
Result<SimulationOutcome> run_simulation_session(const SimulationOptions& options,
                                                 Transport& transport, const std::string& data_dir,
                                                 const std::filesystem::path& out_dir,
                                                 bool progress);

// The short text summary: parameters, market, one row per strategy, the best, median and worst
// agents, and where the report files are.
std::string simulation_summary(const SimulationOutcome& outcome,
                               const std::filesystem::path& out_dir);

}  // namespace fafnir
