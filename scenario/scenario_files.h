#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/common/status.h"

namespace fafnir {

// The scenario files named by `arguments`, in order: a file as given, a directory as every
// *.json directly in it, sorted by name. NotFound for a path that does not exist,
// InvalidArgument for a directory without any *.json file.
Result<std::vector<std::filesystem::path>> expand_scenario_paths(
    const std::vector<std::string>& arguments);

// The whole content of `file`; NotFound naming it when it cannot be read.
Result<std::string> read_text_file(const std::filesystem::path& file);

}  // namespace fafnir
