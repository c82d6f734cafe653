#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace fafnir {

// A real `fafnir serve` child process (the built FAFNIR_BINARY) for tests that need to kill and
// restart a node.
//
// The child runs with exactly `args` after the binary (global options, then `serve ...`; pass
// `--port 0` so it binds a free port, and your own `--data-dir` to keep its state across
// restarts), stdin /dev/null, and this process's environment minus every FAFNIR_* variable plus
// `env`. Its stdout and stderr go to one log file in a temp dir owned by this object; restarts
// append to it. The child gets SIGKILL when the thread that started it exits (PR_SET_PDEATHSIG),
// so a crashed or killed test leaves no server behind.
// REQUIRES: the constructor and restart() are called on a thread that outlives the child, e.g. the
// test's main thread.
//
// Not thread-safe, except log_text(), which may be called from any thread at any time.
class ServeProcess {
 public:
  static constexpr std::chrono::seconds kStartTimeout{15};
  static constexpr std::chrono::seconds kStopGrace{10};

  // Starts the child and waits up to kStartTimeout for its {"event":"listening"} log line. Throws
  // std::runtime_error with the end of the log when it cannot start, exits first, or does not
  // listen in time (it is killed then).
  ServeProcess(std::vector<std::string> args, std::map<std::string, std::string> env);
  // stop().
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // The port of the current run's "listening" line.
  std::uint16_t port() const { return port_; }
  // The child's pid; -1 when it is not running.
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // SIGKILL, then reaps the child. No-op when it is not running.
  void kill_hard();
  // SIGTERM, waits up to `grace` for it to exit, then SIGKILL. Returns true when it exited on its
  // own within `grace` (also when it was not running). Always reaps the child.
  bool stop(std::chrono::milliseconds grace = kStopGrace);
  // stop() if running, then starts again with the same arguments and environment, as the
  // constructor does (same data dir; a new port when the arguments say --port 0).
  void restart();

  // Everything the child logged, over all runs.
  std::string log_text() const;
  // The log from the start of the current (or last) run.
  std::string run_log_text() const;
  const std::filesystem::path& log_path() const { return log_path_; }

 private:
  void start();
  void wait_until_listening();

  std::vector<std::string> argv_;
  std::vector<std::string> envp_;
  TempDir dir_;
  std::filesystem::path log_path_;
  std::uintmax_t run_offset_ = 0;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace fafnir
