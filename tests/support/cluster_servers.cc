#include "tests/support/cluster_servers.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <catch2/catch.hpp>

namespace fafnir {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kStartTimeout = std::chrono::seconds(15);  // initdb and start of one server
constexpr auto kStopTimeout = std::chrono::seconds(5);    // then SIGKILL
constexpr auto kPollInterval = std::chrono::milliseconds(20);

std::optional<std::filesystem::path> find_binary(const std::string& name) {
  std::vector<std::filesystem::path> dirs;
  if (const char* path = std::getenv("PATH"); path != nullptr) {
    std::stringstream entries(path);
    for (std::string entry; std::getline(entries, entry, ':');) dirs.emplace_back(entry);
  }
  dirs.emplace_back("/usr/sbin");
  dirs.emplace_back("/usr/bin");
  std::error_code ignored;
  std::vector<std::filesystem::path> postgres_versions;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ignored)) {
    postgres_versions.push_back(entry.path() / "bin");
  }
  std::sort(postgres_versions.rbegin(), postgres_versions.rend());  // newest first
  dirs.insert(dirs.end(), postgres_versions.begin(), postgres_versions.end());
  for (const auto& dir : dirs) {
    std::filesystem::path candidate = dir / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

std::filesystem::path require_binary(const std::string& name) {
  std::optional<std::filesystem::path> path = find_binary(name);
  if (!path) throw std::runtime_error(name + " is not installed");
  return *path;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  bool bound = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
               getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  if (!bound) throw std::runtime_error(std::string("no free port: ") + std::strerror(errno));
  return ntohs(address.sin_port);
}

// Connects to 127.0.0.1:port, sends `request` (may be empty) and returns what arrives first, or
// an empty string when nothing listens yet.
std::string exchange(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  timeval timeout{0, 200'000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n > 0) answer.assign(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  return answer;
}

std::string log_tail(const std::filesystem::path& log) {
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  constexpr std::size_t kTail = 2000;
  return text.size() > kTail ? text.substr(text.size() - kTail) : text;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The OS user postgres runs as when the tests run as root (postgres refuses to run as root).
const passwd* postgres_user() {
  if (geteuid() != 0) return nullptr;
  const passwd* user = getpwnam("postgres");
  if (user == nullptr) throw std::runtime_error("running as root but there is no `postgres` user");
  return user;
}

}  // namespace

std::string ClusterServers::missing_binaries() {
  std::string missing;
  for (const char* name : {"initdb", "postgres", "redis-server", "nats-server"}) {
    if (!find_binary(name)) missing += (missing.empty() ? "" : ", ") + std::string(name);
  }
  return missing;
}

ClusterServers* ClusterServers::shared() {
  static std::unique_ptr<ClusterServers> servers;
  if (servers) return servers.get();
  std::string missing = missing_binaries();
  if (!missing.empty()) {
    WARN("skipped: cluster test servers not installed (" << missing
                                                          << "); run scripts/setup.sh --packages-only");
    return nullptr;
  }
  servers = std::make_unique<ClusterServers>();
  return servers.get();
}

ClusterServers::ClusterServers() {
  processes_.reserve(4);  // spawn() hands out references into it
  try {
    start_postgres();
    start_redis();
    start_nats();
  } catch (...) {
    for (Process& process : processes_) stop(process);
    throw;
  }
}

ClusterServers::~ClusterServers() {
  for (Process& process : processes_) stop(process);
}

ClusterServers::Process& ClusterServers::spawn(const std::string& name,
                                               const std::vector<std::string>& argv,
                                               int stop_signal, bool as_postgres_user) {
  const passwd* user = as_postgres_user ? postgres_user() : nullptr;
  std::filesystem::path log = dir_.path() / (name + ".log");
  int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("cannot open " + log.string());
  if (user != nullptr && fchown(log_fd, user->pw_uid, user->pw_gid) != 0) {
    close(log_fd);
    throw std::runtime_error("cannot chown " + log.string());
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t parent = getpid();

  pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    throw std::runtime_error("fork failed: " + std::string(std::strerror(errno)));
  }
  if (pid == 0) {  // only async-signal-safe calls from here on
    if (user != nullptr && (setgroups(0, nullptr) != 0 || setgid(user->pw_gid) != 0 ||
                            setuid(user->pw_uid) != 0)) {
      _exit(126);
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // after setuid, which clears it
    if (getppid() != parent) _exit(125);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  close(log_fd);
  processes_.push_back({name, pid, stop_signal, log});
  return processes_.back();
}

void ClusterServers::stop(Process& process) {
  if (process.pid <= 0) return;
  kill(process.pid, process.stop_signal);
  auto deadline = Clock::now() + kStopTimeout;
  while (waitpid(process.pid, nullptr, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      kill(process.pid, SIGKILL);
      waitpid(process.pid, nullptr, 0);
      break;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  process.pid = -1;
}

namespace {

// Polls `ready` until it holds; throws naming `process` when it exits or the bound passes.
template <typename Ready>
void wait_until(pid_t pid, const std::string& name, const std::filesystem::path& log, Ready ready) {
  auto deadline = Clock::now() + kStartTimeout;
  while (!ready()) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      throw std::runtime_error(name + " exited during start-up; log:\n" + log_tail(log));
    }
    if (Clock::now() > deadline) {
      throw std::runtime_error(name + " did not start within " +
                               std::to_string(kStartTimeout.count()) + " s; log:\n" + log_tail(log));
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace

void ClusterServers::start_postgres() {
  const passwd* user = postgres_user();
  if (user != nullptr && chown(dir_.path().c_str(), user->pw_uid, user->pw_gid) != 0) {
    throw std::runtime_error("cannot chown " + dir_.path().string() + " to postgres");
  }
  std::filesystem::path data = dir_.path() / "postgres";
  std::filesystem::path sockets = dir_.path();

  Process& initdb = spawn("initdb",
                          {require_binary("initdb").string(), "-D", data.string(), "-U", "postgres",
                           "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"},
                          SIGKILL, true);
  int status = 0;
  auto deadline = Clock::now() + kStartTimeout;
  while (waitpid(initdb.pid, &status, WNOHANG) != initdb.pid) {
    if (Clock::now() > deadline) {
      throw std::runtime_error("initdb did not finish in time; log:\n" + log_tail(initdb.log));
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  initdb.pid = -1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("initdb failed; log:\n" + log_tail(initdb.log));
  }

  int port = free_port();
  Process& postgres =
      spawn("postgres",
            {require_binary("postgres").string(), "-D", data.string(), "-p", std::to_string(port),
             "-k", sockets.string(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c",
             "synchronous_commit=off", "-c", "full_page_writes=off"},
            SIGINT, true);
  // The last line of postmaster.pid says "ready" once connections are accepted.
  wait_until(postgres.pid, "postgres", postgres.log, [&] {
    return read_file(data / "postmaster.pid").find("ready") != std::string::npos;
  });
  postgres_url_ = "postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/postgres";
}

void ClusterServers::start_redis() {
  int port = free_port();
  std::filesystem::path data = dir_.path() / "redis";
  std::filesystem::create_directory(data);
  Process& redis = spawn("redis-server",
                         {require_binary("redis-server").string(), "--port", std::to_string(port),
                          "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir",
                          data.string(), "--daemonize", "no"},
                         SIGTERM, false);
  wait_until(redis.pid, "redis-server", redis.log,
             [&] { return exchange(port, "PING\r\n").rfind("+PONG", 0) == 0; });
  redis_url_ = "redis://127.0.0.1:" + std::to_string(port);
}

void ClusterServers::start_nats() {
  int port = free_port();
  std::filesystem::path store = dir_.path() / "nats";
  Process& nats = spawn("nats-server",
                        {require_binary("nats-server").string(), "-js", "-a", "127.0.0.1", "-p",
                         std::to_string(port), "--store_dir", store.string()},
                        SIGTERM, false);
  // The greeting advertises JetStream once it is enabled.
  wait_until(nats.pid, "nats-server", nats.log, [&] {
    return exchange(port, "").find("\"jetstream\":true") != std::string::npos;
  });
  nats_url_ = "nats://127.0.0.1:" + std::to_string(port);
}

}  // namespace fafnir
