#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "scenario/scenario_result.h"

namespace fafnir {

struct RunSummary {
  std::size_t files = 0;
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t steps = 0;
  std::size_t failed_steps = 0;
  std::size_t checks = 0;
};

RunSummary summarize(const std::vector<ScenarioResult>& results);

// One line per failure, each naming the file, the step number and label:
//   scenarios/x.json: step 3 ("buy1"): order buy1 status: expected FILLED, got PENDING
std::vector<std::string> failure_lines(const ScenarioResult& result);

// Every step of one scenario with OK or FAIL, what it did and its differences, then PASS/FAIL.
void write_text_report(std::ostream& out, const ScenarioResult& result);

// The failures of all scenarios, then the totals.
void write_text_summary(std::ostream& out, const std::vector<ScenarioResult>& results);

// {"scenarios": [{"file", "name", "passed", "error"?, "steps": [{"number", "kind", "label",
//  "summary", "passed", "checks", "differences"}]}], "failures": [...], "summary": {...}}
nlohmann::json json_report(const std::vector<ScenarioResult>& results);

}  // namespace fafnir
