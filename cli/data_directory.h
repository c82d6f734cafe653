#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/common/clock.h"
#include "core/common/status.h"

namespace fafnir {

// What a data directory fixes when it is created (settings.json).
struct DataDirectorySettings {
  std::uint64_t seed = 0;  // seed of the simulated market
  Timestamp start;         // the simulated clock's start
};

// The saved login of the CLI (session.json, mode 0600).
struct SavedSession {
  std::string user_id;
  std::string email;
  std::string token;
};

// The files of an embedded data directory beside the service databases: settings, the JWT secret
// and the CLI session. Not thread-safe; one per process.
class DataDirectory {
 public:
  explicit DataDirectory(std::filesystem::path path) : path_(std::move(path)) {}

  const std::filesystem::path& path() const { return path_; }

  // Creates the directory if needed.
  Status ensure_exists() const;

  // The settings, written from `defaults` on first use. FailedPrecondition when `requested_seed`
  // is given and differs from the seed the directory was created with.
  Result<DataDirectorySettings> settings(const DataDirectorySettings& defaults,
                                         std::optional<std::uint64_t> requested_seed) const;

  // FAFNIR_JWT_SECRET when set and non-empty; otherwise the secret generated into `jwt_secret`
  // (mode 0600) on first use.
  Result<std::string> jwt_secret() const;

  Result<std::optional<SavedSession>> load_session() const;
  Status save_session(const SavedSession& session) const;
  Status forget_session() const;

 private:
  std::filesystem::path path_;
};

}  // namespace fafnir
