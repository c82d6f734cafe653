#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/data_directory.h"
#include "core/platform/platform.h"
#include "core/platform/transport.h"

namespace fafnir {

// Global options, filled by CLI11 before any command runs.
struct GlobalOptions {
  std::string data_dir;                // --data-dir, $FAFNIR_DATA_DIR, else ./fafnir-data
  std::string transport = "embedded";  // --transport
  bool json = false;                   // --json: machine-readable output
  std::optional<std::uint64_t> seed;   // --seed, fixed when the data directory is created
  std::string start;                   // --start, RFC 3339; default 00:00 UTC today
  std::string session;                 // --session 24h|exchange; default 24h
  std::string token;                   // --token: act as this JWT instead of the saved session
  std::string hash_cost = "strong";    // --hash-cost strong|fast (fast: tests and benchmarks only)
};

// The user a command acts for, with the platform it acts on.
struct Caller {
  Platform* platform;
  AuthenticatedUser user;
};

// Everything a command needs: the opened platform, the caller, and output. Opens the data
// directory and the services on first use. Not thread-safe; one per process.
class CliContext {
 public:
  CliContext(GlobalOptions& options, TransportRegistry& transports)
      : options_(options), transports_(transports) {}

  const GlobalOptions& options() const { return options_; }
  DataDirectory& data_directory();

  // The platform over the selected transport, opened (and its events settled) on first call.
  Result<Platform*> platform();

  // Makes platform() run on wall time sped up `speed` times instead of simulated time (serve).
  // REQUIRES: called before platform().
  void use_wall_clock(double speed) { wall_clock_speed_ = speed; }

  // The user of --token, else of the saved session. Unauthenticated with a hint to log in.
  Result<AuthenticatedUser> current_user();

  // current_user() holding `permission` (PermissionDenied otherwise), with the platform.
  Result<Caller> caller(std::string_view permission);

  // A registered transport by name, for commands that open their own platform (simulations).
  // NotFound listing the known names.
  Result<Transport*> transport(std::string_view name) const { return transports_.find(name); }

  // Handles every event the command caused; call before reporting a change as done.
  Status settle();

  // Prints `data` as JSON with --json, else `text`.
  void print(const nlohmann::json& data, const std::string& text) const;

 private:
  Result<PlatformOptions> platform_options(const DataDirectorySettings& settings);
  Result<RequestedSettings> requested_settings() const;

  GlobalOptions& options_;
  TransportRegistry& transports_;
  std::unique_ptr<DataDirectory> data_directory_;
  std::unique_ptr<Clock> clock_;
  ManualClock* simulated_clock_ = nullptr;  // clock_, when time is simulated
  std::optional<double> wall_clock_speed_;
  SystemClock wall_clock_;
  std::unique_ptr<IdGenerator> ids_;
  std::unique_ptr<Platform> platform_;
};

}  // namespace fafnir
