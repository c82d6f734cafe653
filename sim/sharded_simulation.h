#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "core/common/status.h"
#include "core/platform/transport.h"
#include "sim/simulation.h"

namespace fafnir {

// A simulation whose agents are dealt round-robin to several platforms (shards), each run on a
// thread of its own, so that a run uses every core. Agents never trade with one another: orders
// fill against the market's own prices, which no order moves, and a simulation's quotes have
// unlimited depth. So each agent's orders, fills and equity are those of the one-platform run,
// and the merged result is identical whatever the number of shards. Not thread-safe.
class ShardedSimulation {
 public:
  // Creates `shards` simulations of `options` (at least 1, at most one per agent), each on its own
  // platform opened on `transport`, which must give independent ports on every open and keep no
  // files (the memory transport). Registration and funding happen here, not in run().
  static Result<std::unique_ptr<ShardedSimulation>> create(const SimulationOptions& options,
                                                           Transport& transport,
                                                           std::size_t shards);

  // Runs every shard at once and merges their results in agent-number order; the first error of
  // any shard otherwise. `progress` follows the first shard. Call once.
  Result<SimulationResult> run(const Simulation::Progress& progress = {});

  std::size_t shards() const { return simulations_.size(); }

 private:
  explicit ShardedSimulation(std::vector<std::unique_ptr<Simulation>> simulations)
      : simulations_(std::move(simulations)) {}

  std::vector<std::unique_ptr<Simulation>> simulations_;
};

}  // namespace fafnir
