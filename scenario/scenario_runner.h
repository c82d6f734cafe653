#pragma once

#include <filesystem>

#include "core/platform/transport.h"
#include "scenario/scenario.h"
#include "scenario/scenario_result.h"

namespace fafnir {

// Runs `scenario` on a fresh platform over `transport` (see ScenarioWorld): sets up the market and
// users, then performs each step, settles every event it caused and checks its expectations.
// Steps keep running after a failed expectation; the run stops early only when the platform itself
// fails (set-up, or settling events), which is reported in ScenarioResult::error.
ScenarioResult run_scenario(const Scenario& scenario, Transport& transport);

// Loads and runs the file; a file that cannot be read or parsed gives a result whose `error`
// names the file, the place and the reason.
ScenarioResult run_scenario_file(const std::filesystem::path& file, Transport& transport);

}  // namespace fafnir
