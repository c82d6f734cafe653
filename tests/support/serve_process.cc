#include "tests/support/serve_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

extern char** environ;

namespace fafnir {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPollInterval = std::chrono::milliseconds(20);
constexpr std::size_t kLogTail = 4000;

std::string read_from(const std::filesystem::path& path, std::uintmax_t offset) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string tail(const std::string& text) {
  return text.size() > kLogTail ? "..." + text.substr(text.size() - kLogTail) : text;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// The port of the first complete {"event":"listening","address":"HOST:PORT"} line in `log`; 0
// when there is none yet.
std::uint16_t listening_port(const std::string& log) {
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (lines.eof()) break;  // a line still being written
    nlohmann::json entry = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!entry.is_object() || entry.value("event", "") != "listening") continue;
    std::string address = entry.value("address", "");
    std::size_t colon = address.rfind(':');
    if (colon == std::string::npos) continue;
    int port = std::atoi(address.c_str() + colon + 1);
    if (port > 0 && port < 65536) return static_cast<std::uint16_t>(port);
  }
  return 0;
}

// Waits for `pid` to exit, up to `within`; true when it was reaped.
bool reap_within(pid_t pid, std::chrono::milliseconds within) {
  auto deadline = Clock::now() + within;
  while (true) {
    pid_t reaped = waitpid(pid, nullptr, WNOHANG);
    if (reaped == pid || (reaped < 0 && errno != EINTR)) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
}

void reap(pid_t pid) {
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

ServeProcess::ServeProcess(std::vector<std::string> args, std::map<std::string, std::string> env)
    : log_path_(dir_.path() / "serve.log") {
  argv_.emplace_back(FAFNIR_BINARY);
  argv_.insert(argv_.end(), std::make_move_iterator(args.begin()),
               std::make_move_iterator(args.end()));
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "FAFNIR_", 7) != 0) envp_.emplace_back(*entry);
  }
  for (const auto& [name, value] : env) envp_.push_back(name + "=" + value);
  start();
}

ServeProcess::~ServeProcess() { stop(); }

void ServeProcess::start() {
  std::error_code ignored;
  run_offset_ = std::filesystem::exists(log_path_, ignored)
                    ? std::filesystem::file_size(log_path_, ignored)
                    : 0;
  port_ = 0;
  int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) {
    throw std::runtime_error("cannot open " + log_path_.string() + ": " + std::strerror(errno));
  }
  std::vector<char*> argv = pointers_to(argv_);
  std::vector<char*> envp = pointers_to(envp_);
  pid_t parent = getpid();

  pid_t pid = fork();
  if (pid < 0) {
    int error = errno;
    close(log_fd);
    throw std::runtime_error(std::string("fork failed: ") + std::strerror(error));
  }
  if (pid == 0) {  // only async-signal-safe calls from here on
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(125);
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0 || dup2(log_fd, STDOUT_FILENO) < 0 ||
        dup2(log_fd, STDERR_FILENO) < 0) {
      _exit(126);
    }
    close_range(3, ~0U, 0);  // the test's sockets and files are not the server's business
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(log_fd);
  pid_ = pid;
  wait_until_listening();
}

void ServeProcess::wait_until_listening() {
  auto deadline = Clock::now() + kStartTimeout;
  while (true) {
    port_ = listening_port(run_log_text());
    if (port_ != 0) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::string how = WIFEXITED(status)
                            ? "exited with status " + std::to_string(WEXITSTATUS(status))
                            : "was killed by signal " + std::to_string(WTERMSIG(status));
      throw std::runtime_error("fafnir serve " + how + " before listening; log:\n" +
                               tail(run_log_text()));
    }
    if (Clock::now() >= deadline) {
      kill_hard();
      throw std::runtime_error("fafnir serve did not listen within " +
                               std::to_string(kStartTimeout.count()) + " s; log:\n" +
                               tail(run_log_text()));
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

void ServeProcess::kill_hard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  reap(pid_);
  pid_ = -1;
}

bool ServeProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return true;
  kill(pid_, SIGTERM);
  bool exited = reap_within(pid_, grace);
  if (!exited) {
    kill(pid_, SIGKILL);
    reap(pid_);
  }
  pid_ = -1;
  return exited;
}

void ServeProcess::restart() {
  stop();
  start();
}

std::string ServeProcess::log_text() const { return read_from(log_path_, 0); }

std::string ServeProcess::run_log_text() const { return read_from(log_path_, run_offset_); }

}  // namespace fafnir
