#include <iostream>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "cli/simulation_session.h"
#include "sim/strategy_registry.h"
#include "transports/embedded/embedded_transport.h"
#include "transports/memory/memory_transport.h"

namespace fafnir {
namespace {

struct SimulateArguments {
  std::size_t agents = 20;
  int days = 5;
  std::uint64_t seed = 1;
  std::string out = "./simulation";
  std::string strategies = "buy-and-hold,random,momentum,mean-reversion";
  bool json = false;
  std::string transport;  // --transport after `simulate`; empty when not given
};

// The transport named after `simulate`, else the global --transport when it was given, else memory.
std::string chosen_transport(const CliContext& context, const SimulateArguments& arguments,
                             const CLI::Option& global_transport) {
  if (!arguments.transport.empty()) return arguments.transport;
  if (global_transport.count() > 0) return context.options().transport;
  return std::string(MemoryTransport::kName);
}

Status simulate(const CliContext& context, const SimulateArguments& arguments,
                const CLI::Option& global_transport) {
  std::string transport_name = chosen_transport(context, arguments, global_transport);
  if (transport_name != MemoryTransport::kName && transport_name != EmbeddedTransport::kName) {
    return Status::InvalidArgument("simulations run on the memory or the embedded transport, not " +
                                   transport_name);
  }
  FAFNIR_ASSIGN_OR_RETURN(Transport * transport, context.transport(transport_name));
  SimulationOptions options;
  options.agents = arguments.agents;
  options.days = arguments.days;
  options.seed = arguments.seed;
  FAFNIR_ASSIGN_OR_RETURN(options.strategies, parse_strategy_list(arguments.strategies));
  bool json = arguments.json || context.options().json;
  FAFNIR_ASSIGN_OR_RETURN(
      SimulationOutcome outcome,
      run_simulation_session(options, *transport, context.options().data_dir, arguments.out,
                             !json && ProgressBar::stderr_is_terminal()));
  if (json) {
    std::cout << report_json(outcome.result, outcome.report).dump(2) << '\n';
  } else {
    std::cout << simulation_summary(outcome, arguments.out);
  }
  return Status::Ok();
}

}  // namespace

void add_simulate_command(CLI::App& app, CliContext& context, Status& status) {
  auto arguments = std::make_shared<SimulateArguments>();
  CLI::App* simulate_command = app.add_subcommand(
      "simulate",
      "Run trading agents over the simulated market and write a report (report.json, report.csv, "
      "equity.svg); the platform runs in memory unless --transport embedded is given");
  simulate_command->add_option("--agents", arguments->agents, "Trading agents (default 20)");
  simulate_command->add_option("--days", arguments->days, "Trading days (default 5)");
  simulate_command->add_option("--seed", arguments->seed,
                               "Seed of the market and the agents (default 1)");
  simulate_command->add_option("--out", arguments->out,
                               "Directory for the report files (default ./simulation)");
  simulate_command->add_option("--strategies", arguments->strategies,
                               "Comma-separated strategies, assigned to agents round-robin "
                               "(default buy-and-hold,random,momentum,mean-reversion)");
  simulate_command->add_flag("--json", arguments->json, "Print report.json instead of a summary");
  simulate_command
      ->add_option("--transport", arguments->transport,
                   "memory (default): the services' data stays in memory and only the report is "
                   "written; embedded: SQLite files, in --data-dir or a temporary directory; same "
                   "report either way")
      ->check(CLI::IsMember(
          {std::string(MemoryTransport::kName), std::string(EmbeddedTransport::kName)}));
  const CLI::Option* global_transport = app.get_option("--transport");
  simulate_command->callback([&context, &status, arguments, global_transport] {
    status = simulate(context, *arguments, *global_transport);
  });
}

}  // namespace fafnir
