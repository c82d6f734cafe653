#include <iostream>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "cli/simulation_session.h"
#include "transports/memory/memory_transport.h"

namespace fafnir {
namespace {

Status run_demo(const CliContext& context, const std::string& out) {
  SimulationOptions options;
  options.agents = 10;
  options.days = 3;
  bool json = context.options().json;
  FAFNIR_ASSIGN_OR_RETURN(Transport * transport, context.transport(MemoryTransport::kName));
  FAFNIR_ASSIGN_OR_RETURN(SimulationOutcome outcome,
                          run_simulation_session(options, *transport, context.options().data_dir,
                                                 out, !json && ProgressBar::stderr_is_terminal()));
  if (json) {
    std::cout << report_json(outcome.result, outcome.report).dump(2) << '\n';
    return Status::Ok();
  }
  std::cout << "fafnir demo: 10 trading agents (buy-and-hold, random, momentum, mean-reversion) "
               "trade for 3 simulated days\nthrough the same services as real users: orders, "
               "cash reservations, fills and settlement.\n\n"
            << simulation_summary(outcome, out)
            << "\nOpen the chart in a browser. Run your own: fafnir simulate --agents 50 --days 20 "
               "--seed 7 --out DIR\n";
  return Status::Ok();
}

}  // namespace

void add_demo_command(CLI::App& app, CliContext& context, Status& status) {
  CLI::App* demo = app.add_subcommand(
      "demo", "A short simulation (10 agents, 3 days) with its summary and equity chart");
  auto out = std::make_shared<std::string>("./fafnir-demo");
  demo->add_option("--out", *out, "Directory for the report and chart (default ./fafnir-demo)");
  demo->callback([&context, &status, out] { status = run_demo(context, *out); });
}

}  // namespace fafnir
