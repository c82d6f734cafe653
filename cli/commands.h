#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"

namespace fafnir {

// Each adds its subcommands to `app`; the actions run later with `context` and report failure by
// setting `status`.
void add_user_commands(CLI::App& app, CliContext& context, Status& status);
void add_market_commands(CLI::App& app, CliContext& context, Status& status);
void add_account_commands(CLI::App& app, CliContext& context, Status& status);
void add_order_commands(CLI::App& app, CliContext& context, Status& status);
void add_portfolio_commands(CLI::App& app, CliContext& context, Status& status);
void add_serve_command(CLI::App& app, CliContext& context, Status& status);
void add_bench_commands(CLI::App& app, CliContext& context, Status& status);
void add_demo_command(CLI::App& app, CliContext& context, Status& status);
void add_scenario_command(CLI::App& app, CliContext& context, Status& status);
void add_simulate_command(CLI::App& app, CliContext& context, Status& status);

}  // namespace fafnir
