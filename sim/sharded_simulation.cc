#include "sim/sharded_simulation.h"

#include <algorithm>
#include <optional>
#include <thread>

namespace fafnir {

Result<std::unique_ptr<ShardedSimulation>> ShardedSimulation::create(
    const SimulationOptions& options, Transport& transport, std::size_t shards) {
  FAFNIR_RETURN_IF_ERROR(validate_simulation_options(options));
  shards = std::clamp<std::size_t>(shards, 1, options.agents);
  std::vector<std::unique_ptr<Simulation>> simulations;
  for (std::size_t index = 0; index < shards; ++index) {
    FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<Simulation> simulation,
                            Simulation::create(options, transport, {}, {index, shards}));
    simulations.push_back(std::move(simulation));
  }
  return std::unique_ptr<ShardedSimulation>(new ShardedSimulation(std::move(simulations)));
}

Result<SimulationResult> ShardedSimulation::run(const Simulation::Progress& progress) {
  std::vector<std::optional<Result<SimulationResult>>> results(simulations_.size());
  std::vector<std::thread> others;
  for (std::size_t index = 1; index < simulations_.size(); ++index) {
    others.emplace_back([this, &results, index] { results[index] = simulations_[index]->run(); });
  }
  results[0] = simulations_[0]->run(progress);
  for (std::thread& thread : others) thread.join();

  for (const auto& result : results) FAFNIR_RETURN_IF_ERROR(result->status());
  SimulationResult merged = std::move(results[0]->value());
  std::vector<AgentRecord> first_shard = std::move(merged.agents);
  merged.agents.clear();
  merged.orders = 0;
  std::size_t shards = results.size();
  for (std::size_t number = 1; number <= merged.options.agents; ++number) {
    std::size_t shard = (number - 1) % shards;
    std::size_t position = (number - 1) / shards;
    std::vector<AgentRecord>& agents = shard == 0 ? first_shard : results[shard]->value().agents;
    merged.agents.push_back(std::move(agents[position]));
    merged.orders += merged.agents.back().orders;
  }
  return merged;
}

}  // namespace fafnir
