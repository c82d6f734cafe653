#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/common/clock.h"
#include "core/platform/platform.h"
#include "core/platform/transport.h"
#include "scenario/sequential_ids.h"
#include "sim/simulation_options.h"
#include "sim/simulation_result.h"
#include "sim/strategy.h"

namespace fafnir {

// Which of a run's agents one simulation trades: agent number n when (n - 1) % count == index.
struct AgentShard {
  std::size_t index = 0;
  std::size_t count = 1;  // the default: every agent
};

// Agents trading over the simulated market through the platform's public services, as users do:
// each is a registered user (fast password hashing) with a funded USD INVESTMENT account whose
// strategy turns what it sees at each decision point into orders (reservations, engine fills and
// settlement as for anyone). The platform runs on the transport it is given with a ManualClock,
// exchange sessions and sequential ids, so a run is a pure function of its options, whatever the
// transport. Not thread-safe.
class Simulation {
 public:
  struct Agent {
    std::string name;  // "agent-001"
    std::string user_id;
    std::string account_id;
    std::unique_ptr<Strategy> strategy;
    std::mt19937_64 rng;  // seeded from the run's seed and the agent's number
    std::int64_t orders = 0;
  };

  // Called after each decision point with how many are done out of how many.
  using Progress = std::function<void(std::size_t done, std::size_t total)>;

  // Validates `options`, opens the platform on `transport` with `data_dir` as the place for its
  // files (created when missing; REQUIRES: holds no fafnir data; unused by the memory transport)
  // and registers and funds the agents of `shard`. The caller removes `data_dir` after destroying
  // the simulation.
  static Result<std::unique_ptr<Simulation>> create(SimulationOptions options, Transport& transport,
                                                    const std::filesystem::path& data_dir,
                                                    AgentShard shard = {});
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Runs every decision point of every day, then moves to the last close and settles. Call once.
  // The result's agents are those of the shard, in number order.
  Result<SimulationResult> run(const Progress& progress = {});

  Platform& platform() { return *platform_; }
  const std::vector<Agent>& agents() const { return agents_; }

 private:
  explicit Simulation(SimulationOptions options);
  Status add_agent(std::size_t number);
  Status move_to(Timestamp when);
  // Settles, then records the prices and every agent's equity at the clock's now.
  Status sample(std::vector<AgentView>& views);
  Status act(const std::vector<AgentView>& views);

  SimulationOptions options_;
  ManualClock clock_;
  SequentialIdGenerator ids_;
  std::unique_ptr<Platform> platform_;
  std::vector<Agent> agents_;
  MarketView market_;  // the recent prices all agents see
  SimulationResult result_;
};

}  // namespace fafnir
