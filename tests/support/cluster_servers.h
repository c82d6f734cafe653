#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace fafnir {

// Real PostgreSQL, Redis and NATS JetStream servers for the [cluster] tests, each listening only on
// 127.0.0.1 on a free port, with all their files in one temporary directory.
//
// The constructor starts the three (postgres runs as the `postgres` OS user when the test runs as
// root) and waits a bounded time for each to accept clients; it throws std::runtime_error naming
// the server that did not come up, with the end of its log. The destructor stops them (SIGINT for
// postgres' fast shutdown, SIGTERM for the others, SIGKILL after a bound) and removes the
// directory. The servers die with the test process if it is killed. Not thread-safe.
class ClusterServers {
 public:
  ClusterServers();
  ~ClusterServers();
  ClusterServers(const ClusterServers&) = delete;
  ClusterServers& operator=(const ClusterServers&) = delete;

  // Empty when postgres, initdb, redis-server and nats-server are all installed, else their names.
  static std::string missing_binaries();

  // The shared servers of this test process, started on first call and stopped at exit; nullptr
  // after a Catch2 WARN when the binaries are missing. Throws as the constructor does.
  static ClusterServers* shared();

  // postgresql://postgres@127.0.0.1:PORT/postgres (trust authentication).
  const std::string& postgres_url() const { return postgres_url_; }
  // redis://127.0.0.1:PORT
  const std::string& redis_url() const { return redis_url_; }
  // nats://127.0.0.1:PORT
  const std::string& nats_url() const { return nats_url_; }

 private:
  struct Process {
    std::string name;
    pid_t pid = -1;
    int stop_signal = 0;
    std::filesystem::path log;
  };

  void start_postgres();
  void start_redis();
  void start_nats();
  Process& spawn(const std::string& name, const std::vector<std::string>& argv, int stop_signal,
                 bool as_postgres_user);
  void stop(Process& process);

  TempDir dir_;
  std::vector<Process> processes_;
  std::string postgres_url_;
  std::string redis_url_;
  std::string nats_url_;
};

}  // namespace fafnir
