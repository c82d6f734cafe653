#include "scenario/scenario_runner.h"

#include "scenario/expectation_checker.h"
#include "scenario/scenario_parser.h"
#include "scenario/scenario_world.h"
#include "scenario/step_executor.h"

namespace fafnir {

ScenarioResult run_scenario(const Scenario& scenario, Transport& transport) {
  ScenarioResult result;
  result.file = scenario.file;
  result.name = scenario.name;
  Result<std::unique_ptr<ScenarioWorld>> created = ScenarioWorld::create(scenario, transport);
  if (!created.ok()) {
    result.error = "set-up: " + created.status().to_string();
    return result;
  }
  ScenarioWorld& world = **created;
  for (const UserSetup& user : scenario.users) {
    Status added = world.add_user(user);
    if (!added.ok()) {
      result.error = "set-up of user " + user.name + ": " + added.to_string();
      return result;
    }
  }
  for (const Step& step : scenario.steps) {
    StepEffect effect = execute_step(world, step);
    StepResult& outcome = result.steps.emplace_back();
    outcome.number = step.number;
    outcome.kind = step.kind;
    outcome.label = step.label;
    outcome.summary = effect.summary;
    Result<std::size_t> settled = world.platform().settle();
    if (!settled.ok()) {
      result.error = "step " + std::to_string(step.number) +
                     ": settling events failed: " + settled.status().to_string();
      return result;
    }
    outcome.differences = check_expectations(world, step.expect, effect, outcome.checks);
  }
  return result;
}

ScenarioResult run_scenario_file(const std::filesystem::path& file, Transport& transport) {
  Result<Scenario> scenario = load_scenario(file);
  if (!scenario.ok()) {
    ScenarioResult result;
    result.file = file;
    result.error = scenario.status().message();
    result.malformed = true;
    return result;
  }
  return run_scenario(*scenario, transport);
}

}  // namespace fafnir
