#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace fafnir {

// What one run of the fafnir binary did.
struct CliRun {
  int exit_code = -1;  // the process's exit status; 128 + N when killed by signal N
  std::string out;     // everything written to stdout
  std::string err;     // everything written to stderr
};

// Runs the built `fafnir` binary (FAFNIR_BINARY) as a child process against one data directory,
// with `--data-dir DIR --hash-cost fast` in front of the arguments. The child sees this process's
// environment minus every FAFNIR_* variable, plus the variables given to set_env(). Stdin is
// /dev/null. Not thread-safe.
class CliRunner {
 public:
  explicit CliRunner(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

  // `args` follow the global options, e.g. {"--json", "user", "me"}.
  CliRun run(const std::vector<std::string>& args) const;

  // Runs with exactly `args`, no global options added.
  CliRun run_raw(const std::vector<std::string>& args) const;

  void set_env(const std::string& name, const std::string& value) { env_[name] = value; }
  void clear_env(const std::string& name) { env_.erase(name); }

  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  std::filesystem::path data_dir_;
  std::map<std::string, std::string> env_;
  TempDir capture_;  // holds the stdout and stderr files of each run
};

}  // namespace fafnir
