#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// Replaces `path` atomically (write to a temporary file, fsync, rename) with `contents`, readable
// and writable by the owner only (mode 0600).
Status write_private_file(const std::filesystem::path& path, std::string_view contents);

// The contents of `path`, or nullopt when it does not exist.
Result<std::optional<std::string>> read_file_if_exists(const std::filesystem::path& path);

}  // namespace fafnir
