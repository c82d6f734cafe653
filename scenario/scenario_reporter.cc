#include "scenario/scenario_reporter.h"

#include <iomanip>

namespace fafnir {
namespace {

std::string step_name(const StepResult& step) {
  std::string name = "step " + std::to_string(step.number);
  return step.label.empty() ? name : name + " (\"" + step.label + "\")";
}

std::size_t checks_of(const ScenarioResult& result) {
  std::size_t checks = 0;
  for (const StepResult& step : result.steps) checks += step.checks;
  return checks;
}

}  // namespace

RunSummary summarize(const std::vector<ScenarioResult>& results) {
  RunSummary summary;
  for (const ScenarioResult& result : results) {
    ++summary.files;
    ++(result.passed() ? summary.passed : summary.failed);
    summary.steps += result.steps.size();
    for (const StepResult& step : result.steps) {
      if (!step.passed()) ++summary.failed_steps;
    }
    summary.checks += checks_of(result);
  }
  return summary;
}

std::vector<std::string> failure_lines(const ScenarioResult& result) {
  std::vector<std::string> lines;
  std::string file = result.file.string();
  for (const StepResult& step : result.steps) {
    for (const std::string& difference : step.differences) {
      lines.push_back(file + ": " + step_name(step) + ": " + difference);
    }
  }
  if (!result.error.empty()) {
    // Parse errors already start with the file.
    bool named = result.error.rfind(file, 0) == 0;
    lines.push_back(named ? result.error : file + ": " + result.error);
  }
  return lines;
}

void write_text_report(std::ostream& out, const ScenarioResult& result) {
  out << "== " << result.file.string();
  if (!result.name.empty()) out << ": " << result.name;
  out << '\n';
  for (const StepResult& step : result.steps) {
    out << "  " << std::setw(3) << step.number << ' ' << (step.passed() ? "OK  " : "FAIL") << "  "
        << step.kind;
    if (!step.label.empty()) out << " \"" << step.label << '"';
    if (!step.summary.empty()) out << ": " << step.summary;
    out << '\n';
    for (const std::string& difference : step.differences) {
      out << "         " << difference << '\n';
    }
  }
  if (!result.error.empty()) out << "  ERROR " << result.error << '\n';
  out << "-> " << (result.passed() ? "PASS" : "FAIL") << " (" << result.steps.size() << " steps, "
      << checks_of(result) << " checks)\n\n";
}

void write_text_summary(std::ostream& out, const std::vector<ScenarioResult>& results) {
  RunSummary summary = summarize(results);
  if (summary.failed > 0) {
    out << "Failures:\n";
    for (const ScenarioResult& result : results) {
      for (const std::string& line : failure_lines(result)) out << "  " << line << '\n';
    }
  }
  out << "Summary: " << summary.files << " scenario files, " << summary.passed << " passed, "
      << summary.failed << " failed; " << summary.steps << " steps, " << summary.failed_steps
      << " failed; " << summary.checks << " checks\n";
}

nlohmann::json json_report(const std::vector<ScenarioResult>& results) {
  nlohmann::json scenarios = nlohmann::json::array();
  nlohmann::json failures = nlohmann::json::array();
  for (const ScenarioResult& result : results) {
    nlohmann::json steps = nlohmann::json::array();
    for (const StepResult& step : result.steps) {
      steps.push_back({{"number", step.number},
                       {"kind", step.kind},
                       {"label", step.label},
                       {"summary", step.summary},
                       {"passed", step.passed()},
                       {"checks", step.checks},
                       {"differences", step.differences}});
    }
    nlohmann::json scenario = {{"file", result.file.string()},
                               {"name", result.name},
                               {"passed", result.passed()},
                               {"steps", std::move(steps)}};
    if (!result.error.empty()) scenario["error"] = result.error;
    if (result.malformed) scenario["malformed"] = true;
    scenarios.push_back(std::move(scenario));
    for (std::string& line : failure_lines(result)) failures.push_back(std::move(line));
  }
  RunSummary summary = summarize(results);
  return {{"scenarios", std::move(scenarios)},
          {"failures", std::move(failures)},
          {"summary",
           {{"files", summary.files},
            {"passed", summary.passed},
            {"failed", summary.failed},
            {"steps", summary.steps},
            {"failedSteps", summary.failed_steps},
            {"checks", summary.checks}}}};
}

}  // namespace fafnir
