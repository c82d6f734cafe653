#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "scenario/expectation.h"
#include "scenario/scenario_world.h"
#include "scenario/step_executor.h"

namespace fafnir {

// Compares `world` after a step (with its events settled) against the step's expectations.
// Returns one line per difference, e.g.
//   account alice.investment balance: expected 9500.00, got 9400.00
// and adds the number of values compared to `checks`. A step that failed without an "error"
// expectation is a difference, and so is one that succeeded when an error was expected.
std::vector<std::string> check_expectations(ScenarioWorld& world, const Expectations& expect,
                                            const StepEffect& effect, std::size_t& checks);

}  // namespace fafnir
