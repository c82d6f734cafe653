#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/common/clock.h"
#include "core/common/status.h"
#include "core/stock/market_state.h"

namespace fafnir {

// What a data directory fixes when it is created (settings.json).
struct DataDirectorySettings {
  std::uint64_t seed = 0;  // seed of the simulated market
  Timestamp start;         // the simulated clock's start
  SessionMode session = SessionMode::k24h;
};

// What the user asked for on the command line; unset fields take the stored or default value.
struct RequestedSettings {
  std::optional<std::uint64_t> seed;
  std::optional<Timestamp> start;
  std::optional<SessionMode> session;
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

  // The settings, written on first use from `requested` over `defaults`. FailedPrecondition when
  // a requested seed or session differs from the one the directory was created with (they shape
  // every price); a requested start is ignored once the directory exists.
  Result<DataDirectorySettings> settings(const DataDirectorySettings& defaults,
                                         const RequestedSettings& requested) const;

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
