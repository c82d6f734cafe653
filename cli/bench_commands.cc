#include <cstdio>
#include <memory>

#include "bench/lifecycle_bench.h"
#include "bench/trigger_bench.h"
#include "cli/commands.h"
#include "cli/simulation_session.h"
#include "cli/temp_directory.h"
#include "sim/simulation_bench.h"
#include "transports/embedded/embedded_transport.h"
#include "transports/memory/memory_transport.h"

namespace fafnir {
namespace {

std::string rate(double per_second) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", per_second);
  return text;
}

Status lifecycle(CliContext& context, std::size_t orders, std::size_t clients,
                 const std::string& parent) {
  FAFNIR_ASSIGN_OR_RETURN(std::filesystem::path dir, make_temp_directory("fafnir-bench", parent));
  Result<LifecycleBenchResult> result = run_lifecycle_bench(orders, clients, dir);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (!result.ok()) return result.status();
  double share = result->orders_per_second / result->sqlite_ceiling_per_second * 100.0;
  context.print({{"orders", result->orders},
                 {"clients", result->clients},
                 {"ordersPerSecond", result->orders_per_second},
                 {"sqliteCeilingPerSecond", result->sqlite_ceiling_per_second},
                 {"sqliteOneCommitPerSecond", result->sqlite_one_commit_per_second}},
                "order lifecycle (accept -> fill -> settle, durable), " +
                    std::to_string(result->orders) + " orders from " +
                    std::to_string(result->clients) + " clients:\n  fafnir core:    " +
                    rate(result->orders_per_second) + " orders/s\n  SQLite ceiling: " +
                    rate(result->sqlite_ceiling_per_second) + " orders/s (same writes, same run)\n" +
                    "  share:          " + rate(share) +
                    "% (targets: >= 15000 orders/s and >= 50%)\n  SQLite, one commit per order: " +
                    rate(result->sqlite_one_commit_per_second) +
                    " orders/s (reservations written at settlement instead)");
  return Status::Ok();
}

Status triggers(CliContext& context, std::size_t resting, std::size_t ticks) {
  FAFNIR_ASSIGN_OR_RETURN(TriggerBenchResult result, run_trigger_bench(resting, ticks));
  context.print({{"restingOrders", result.resting_orders},
                 {"ticks", result.ticks},
                 {"ticksPerSecond", result.ticks_per_second},
                 {"bytesPerRestingOrder", result.bytes_per_resting_order}},
                "resting-order trigger check, " + std::to_string(result.resting_orders) +
                    " resting limit orders:\n  ticks crossing none: " +
                    rate(result.ticks_per_second) +
                    " ticks/s (target >= 1000000)\n  memory: " +
                    rate(result.bytes_per_resting_order) +
                    " bytes per resting order (target <= 200)");
  return Status::Ok();
}

Result<SimulationBenchResult> time_simulation(const SimulationOptions& options,
                                              Transport& transport, std::size_t shards) {
  if (transport.name() == MemoryTransport::kName) {
    return run_simulation_bench(options, transport, {}, shards);
  }
  FAFNIR_ASSIGN_OR_RETURN(std::filesystem::path dir, make_temp_directory("fafnir-bench"));
  Result<SimulationBenchResult> result = run_simulation_bench(options, transport, dir);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return result;
}

Status simulation(CliContext& context, const SimulationOptions& options,
                  const std::string& transport_name, std::size_t repeats) {
  if (repeats == 0) return Status::InvalidArgument("--repeat must be at least 1");
  FAFNIR_ASSIGN_OR_RETURN(Transport * transport, context.transport(transport_name));
  // The reference: the same run on one platform (one core); then as `fafnir simulate` runs it.
  // The two alternate, so that a slow spell of the machine slows both.
  std::vector<SimulationBenchResult> one_runs;
  std::vector<SimulationBenchResult> sharded_runs;
  for (std::size_t run = 0; run < repeats; ++run) {
    FAFNIR_ASSIGN_OR_RETURN(SimulationBenchResult one_run, time_simulation(options, *transport, 1));
    one_runs.push_back(one_run);
    FAFNIR_ASSIGN_OR_RETURN(SimulationBenchResult sharded_run,
                            time_simulation(options, *transport, simulation_shards(*transport)));
    sharded_runs.push_back(sharded_run);
  }
  SimulationBenchSummary one = summarize_simulation_runs(std::move(one_runs));
  SimulationBenchSummary sharded = summarize_simulation_runs(std::move(sharded_runs));
  const SimulationBenchResult& result = sharded.median;
  context.print({{"agents", options.agents},
                 {"days", options.days},
                 {"transport", transport_name},
                 {"orders", result.orders},
                 {"seconds", result.seconds},
                 {"shards", result.shards},
                 {"ordersPerSecond", result.orders_per_second},
                 {"slowestOrdersPerSecond", sharded.slowest_orders_per_second},
                 {"fastestOrdersPerSecond", sharded.fastest_orders_per_second},
                 {"onePlatformOrdersPerSecond", one.median.orders_per_second},
                 {"runs", sharded.runs}},
                "simulation, " + std::to_string(options.agents) + " agents over " +
                    std::to_string(options.days) + " trading days on the " + transport_name +
                    " transport: " + std::to_string(result.orders) + " orders in " +
                    std::to_string(result.seconds) + " s on " + std::to_string(result.shards) +
                    " platform(s) at once (the median of " + std::to_string(sharded.runs) +
                    " runs)\n  simulated orders: " + rate(result.orders_per_second) +
                    " orders/s (target >= 100000; runs " +
                    rate(sharded.slowest_orders_per_second) + " to " +
                    rate(sharded.fastest_orders_per_second) + ")\n  one platform: " +
                    rate(one.median.orders_per_second) + " orders/s (median)");
  return Status::Ok();
}

}  // namespace

void add_bench_commands(CLI::App& app, CliContext& context, Status& status) {
  CLI::App* bench = app.add_subcommand("bench", "Measure fafnir against its targets");
  bench->require_subcommand(0, 1);
  auto orders = std::make_shared<std::size_t>(50'000);
  auto clients = std::make_shared<std::size_t>(1);
  auto parent = std::make_shared<std::string>();
  CLI::App* lifecycle_command = bench->add_subcommand("lifecycle", "Order lifecycle throughput");
  lifecycle_command->add_option("--orders", *orders, "Orders to place (default 50000)");
  lifecycle_command->add_option("--clients", *clients,
                                "Threads placing orders concurrently, one user each (default 1)");
  lifecycle_command->add_option("--dir", *parent,
                                "Where to put the benchmark's files (default: the temp directory)");
  lifecycle_command->callback(
      [&context, &status, orders, clients, parent] {
        status = lifecycle(context, *orders, *clients, *parent);
      });

  auto resting = std::make_shared<std::size_t>(1'000'000);
  auto ticks = std::make_shared<std::size_t>(10'000'000);
  CLI::App* triggers_command = bench->add_subcommand("triggers", "Resting-order trigger checks");
  triggers_command->add_option("--resting", *resting, "Resting orders (default 1000000)");
  triggers_command->add_option("--ticks", *ticks, "Price ticks to time (default 10000000)");
  triggers_command->callback(
      [&context, &status, resting, ticks] { status = triggers(context, *resting, *ticks); });

  auto simulated = std::make_shared<SimulationOptions>();
  simulated->agents = 100;
  simulated->days = 5;
  CLI::App* simulate_command =
      bench->add_subcommand("simulate", "Simulated orders/s of fafnir simulate");
  simulate_command->add_option("--agents", simulated->agents, "Trading agents (default 100)");
  simulate_command->add_option("--days", simulated->days, "Trading days (default 5)");
  simulate_command->add_option("--seed", simulated->seed, "Seed (default 1)");
  auto repeats = std::make_shared<std::size_t>(5);
  simulate_command->add_option("--repeat", *repeats,
                               "Times to run each, quoting the median (default 5)");
  auto simulated_on = std::make_shared<std::string>(MemoryTransport::kName);
  simulate_command
      ->add_option("--transport", *simulated_on,
                   "memory (default, as fafnir simulate) or embedded (SQLite files)")
      ->check(CLI::IsMember({std::string(MemoryTransport::kName),
                             std::string(EmbeddedTransport::kName)}));
  simulate_command->callback([&context, &status, simulated, simulated_on, repeats] {
    status = simulation(context, *simulated, *simulated_on, *repeats);
  });
}

}  // namespace fafnir
