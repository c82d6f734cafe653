#include <iostream>

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "transports/embedded/embedded_transport.h"
#include "transports/memory/memory_transport.h"
#include "transports/plugin/plugin_transport.h"

int main(int argc, char** argv) {
  using namespace fafnir;
  CLI::App app{"fafnir: an exact, reproducible stock-trading simulator", "fafnir"};
  app.footer(
      "Exit status: 0 ok, 1 internal error, 2 invalid input, 3 not found, 4 already exists,\n"
      "5 permission denied, 6 refused in the current state, 7 not logged in, 8 throttled.");
  app.require_subcommand(0, 1);

  GlobalOptions options;
  app.add_option("--data-dir", options.data_dir, "Data directory (default $FAFNIR_DATA_DIR, else ./fafnir-data)");
  app.add_option("--transport", options.transport,
                 "embedded (default), memory (nothing kept after the command) or cluster");
  app.add_flag("--json", options.json, "Machine-readable JSON output");
  app.add_option("--seed", options.seed, "Market seed, fixed when the data directory is created")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            return digits ? "" : "must be a whole number >= 0";
          },
          "UINT"));
  app.add_option("--start", options.start,
                 "Simulated start time (RFC 3339) of a new data directory; default 00:00 UTC today");
  app.add_option("--session", options.session,
                 "Trading session of a new data directory: 24h (default) or exchange");
  app.add_option("--token", options.token, "Act as the user of this JWT instead of the saved login");
  app.add_option("--hash-cost", options.hash_cost,
                 "Password hashing cost: strong (default) or fast (tests and benchmarks only)")
      ->envname("FAFNIR_HASH_COST")
      ->check(CLI::IsMember({"strong", "fast"}));

  TransportRegistry transports;
  Status registered = transports.add(std::make_unique<EmbeddedTransport>());
  if (registered.ok()) registered = transports.add(std::make_unique<MemoryTransport>());
  if (registered.ok()) {
    registered = transports.add(std::make_unique<PluginTransport>(
        PluginTransportOptions{"cluster", "fafnir_cluster.so", default_plugin_dirs(), true}));
  }
  if (!registered.ok()) {
    std::cerr << "fafnir: " << registered.message() << '\n';
    return exit_status_for(registered);
  }
  CliContext context(options, transports);
  Status status;
  add_user_commands(app, context, status);
  add_market_commands(app, context, status);
  add_account_commands(app, context, status);
  add_order_commands(app, context, status);
  add_portfolio_commands(app, context, status);
  add_serve_command(app, context, status);
  add_bench_commands(app, context, status);
  add_demo_command(app, context, status);
  add_scenario_command(app, context, status);
  add_simulate_command(app, context, status);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);
    std::cerr << "fafnir: " << error.what() << " (see fafnir --help)\n";
    return exit_status_for(Status::InvalidArgument(error.what()));
  }
  CLI::App* chosen = &app;
  while (!chosen->get_subcommands().empty()) chosen = chosen->get_subcommands().front();
  std::vector<CLI::App*> choices = chosen->get_subcommands([](CLI::App*) { return true; });
  if (!choices.empty()) {
    std::string names;
    for (CLI::App* choice : choices) names += (names.empty() ? "" : ", ") + choice->get_name();
    std::cerr << "fafnir: " << chosen->get_name() << " needs a command: " << names
              << " (see --help)\n";
    return exit_status_for(Status::InvalidArgument("missing command"));
  }
  if (!status.ok()) {
    std::cerr << "fafnir: " << status.message() << '\n';
    return exit_status_for(status);
  }
  return 0;
}
