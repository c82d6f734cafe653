#include "cli/temp_directory.h"

#include <cstdlib>
#include <string>
#include <system_error>

namespace fafnir {

Result<std::filesystem::path> make_temp_directory(std::string_view prefix,
                                                  const std::filesystem::path& parent) {
  std::error_code error;
  std::filesystem::path where = parent.empty() ? std::filesystem::temp_directory_path(error) : parent;
  if (error || !std::filesystem::is_directory(where, error)) {
    return Status::InvalidArgument("no directory " + where.string() +
                                   " for temporary files" +
                                   (error ? ": " + error.message() : std::string()));
  }
  std::string pattern = (where / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::Internal("cannot create a temporary directory " + pattern);
  }
  return std::filesystem::path(pattern);
}

}  // namespace fafnir
