#include <iostream>

#include "cli/commands.h"
#include "scenario/scenario_files.h"
#include "scenario/scenario_reporter.h"
#include "scenario/scenario_runner.h"
#include "transports/embedded/embedded_transport.h"

namespace fafnir {
namespace {

struct ScenarioArguments {
  std::vector<std::string> paths;
  bool json = false;
};

Status run_scenarios(const CliContext& context, const ScenarioArguments& arguments) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<std::filesystem::path> files,
                          expand_scenario_paths(arguments.paths));
  // Each scenario needs a world of its own, which the embedded transport gives in a new directory.
  FAFNIR_ASSIGN_OR_RETURN(Transport * transport, context.transport(EmbeddedTransport::kName));
  bool json = arguments.json || context.options().json;
  std::vector<ScenarioResult> results;
  for (const std::filesystem::path& file : files) {
    results.push_back(run_scenario_file(file, *transport));
    if (!json) write_text_report(std::cout, results.back());
  }
  if (json) {
    std::cout << json_report(results).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << '\n';
  } else {
    write_text_summary(std::cout, results);
  }
  std::cout.flush();

  RunSummary summary = summarize(results);
  if (summary.failed == 0) return Status::Ok();
  std::string first;
  bool malformed = false;
  for (const ScenarioResult& result : results) {
    if (result.passed()) continue;
    if (result.malformed) malformed = true;
    if (first.empty()) first = failure_lines(result).front();
  }
  std::string message = std::to_string(summary.failed) + " of " + std::to_string(summary.files) +
                        " scenario files failed; first: " + first;
  return malformed ? Status::InvalidArgument(message) : Status::FailedPrecondition(message);
}

}  // namespace

void add_scenario_command(CLI::App& app, CliContext& context, Status& status) {
  CLI::App* scenario = app.add_subcommand("scenario", "Run self-checking scenario files");
  auto arguments = std::make_shared<ScenarioArguments>();
  CLI::App* run = scenario->add_subcommand(
      "run",
      "Run scenario files (a directory runs every *.json in it, sorted); exit 0 only if every "
      "expectation holds");
  run->add_option("paths", arguments->paths, "Scenario files or directories")->required();
  run->add_flag("--json", arguments->json, "Print the report as JSON");
  run->callback([&context, &status, arguments] { status = run_scenarios(context, *arguments); });
}

}  // namespace fafnir
