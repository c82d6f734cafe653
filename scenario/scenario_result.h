#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace fafnir {

// How one step went: each difference reads "what: expected X, got Y".
struct StepResult {
  int number = 0;
  std::string kind;
  std::string label;
  std::string summary;     // what the step did, e.g. "BUY 10 AAPL MARKET GTC: FILLED 10 @ 100.00"
  std::size_t checks = 0;  // expectations compared
  std::vector<std::string> differences;

  bool passed() const { return differences.empty(); }
};

// How one scenario file went. `error` is set when the file could not be parsed, or the scenario
// could not be set up or had to stop (steps then holds the steps run so far).
struct ScenarioResult {
  std::filesystem::path file;
  std::string name;
  std::string error;
  bool malformed = false;  // the file could not be read or parsed; nothing ran
  std::vector<StepResult> steps;

  bool passed() const {
    if (!error.empty()) return false;
    for (const StepResult& step : steps) {
      if (!step.passed()) return false;
    }
    return true;
  }
};

}  // namespace fafnir
