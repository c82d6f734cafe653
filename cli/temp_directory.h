#pragma once

#include <filesystem>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// A new, empty directory named `prefix-XXXXXX` in `parent`, or in the system's temporary
// directory when `parent` is empty. The caller owns (and removes) it. InvalidArgument when
// `parent` is not an existing directory.
Result<std::filesystem::path> make_temp_directory(std::string_view prefix,
                                                  const std::filesystem::path& parent = {});

}  // namespace fafnir
