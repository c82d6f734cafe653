#include "cli/temp_directory.h"

#include <cstdlib>
#include <string>

namespace fafnir {

Result<std::filesystem::path> make_temp_directory(std::string_view prefix) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::Internal("cannot create a temporary directory " + pattern);
  }
  return std::filesystem::path(pattern);
}

}  // namespace fafnir
