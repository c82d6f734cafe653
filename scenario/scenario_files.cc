#include "scenario/scenario_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace fafnir {

Result<std::vector<std::filesystem::path>> expand_scenario_paths(
    const std::vector<std::string>& arguments) {
  std::vector<std::filesystem::path> files;
  for (const std::string& argument : arguments) {
    std::filesystem::path path(argument);
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      std::vector<std::filesystem::path> found;
      for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
        if (entry.is_regular_file(error) && entry.path().extension() == ".json") {
          found.push_back(entry.path());
        }
      }
      if (error) return Status::Internal("cannot list " + argument + ": " + error.message());
      if (found.empty()) return Status::InvalidArgument("no *.json scenario files in " + argument);
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(path, error)) {
      files.push_back(path);
    } else {
      return Status::NotFound("no scenario file or directory " + argument);
    }
  }
  return files;
}

Result<std::string> read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::NotFound("cannot read " + file.string());
  return text.str();
}

}  // namespace fafnir
