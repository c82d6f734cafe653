#include "sim/simulation_bench.h"

#include <chrono>

#include "sim/simulation.h"

namespace fafnir {

Result<SimulationBenchResult> run_simulation_bench(const SimulationOptions& options,
                                                   Transport& transport,
                                                   const std::filesystem::path& data_dir) {
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<Simulation> simulation,
                          Simulation::create(options, transport, data_dir));
  auto start = std::chrono::steady_clock::now();
  FAFNIR_ASSIGN_OR_RETURN(SimulationResult result, simulation->run());
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  SimulationBenchResult bench;
  bench.orders = result.orders;
  bench.seconds = elapsed.count();
  bench.orders_per_second = static_cast<double>(result.orders) / bench.seconds;
  return bench;
}

}  // namespace fafnir
