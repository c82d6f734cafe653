#pragma once

#include <filesystem>
#include <string_view>

#include "scenario/scenario.h"

namespace fafnir {

// Parses a scenario file's text (format: scenarios/README.md). `file` names the file in errors
// and anchors the relative "file" paths of importCsv steps, which are read here. Errors are
// InvalidArgument starting with the file and saying where and why:
//   scenarios/x.json:12:5: invalid JSON: syntax error while parsing object ...
//   scenarios/x.json: step 3 ("buy1"), field "quantity": bad decimal: ...
//   scenarios/x.json: step 4: unknown step kind "plaecOrder" (use ...)
Result<Scenario> parse_scenario(std::string_view text, const std::filesystem::path& file);

// Reads `file` and parses it; NotFound when it cannot be read.
Result<Scenario> load_scenario(const std::filesystem::path& file);

}  // namespace fafnir
