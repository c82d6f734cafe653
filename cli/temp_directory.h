#pragma once

#include <filesystem>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// A new, empty directory named `prefix-XXXXXX` in the system's temporary directory. The caller
// owns (and removes) it.
Result<std::filesystem::path> make_temp_directory(std::string_view prefix);

}  // namespace fafnir
