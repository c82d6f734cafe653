#pragma once

// Helpers for tests that run real `fafnir serve` nodes (ServeProcess) in cluster mode.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/cluster_servers.h"
#include "tests/support/http_client.h"

namespace fafnir::cluster_serve {

using SteadyClock = std::chrono::steady_clock;
constexpr auto kPoll = std::chrono::milliseconds(200);
constexpr std::string_view kJwtSecret = "cluster-serve-test-secret-of-32-bytes!";

// The environment of a node (and of a CLI run) on `servers` and a fresh PostgreSQL database, with
// a shared JWT secret and fast password hashing. Empties the streams and Redis first.
std::map<std::string, std::string> fresh_cluster_env(const ClusterServers& servers);

// Global options (the same seed and start on every node), then `serve` on a free port.
std::vector<std::string> serve_args(const std::filesystem::path& data_dir);

// The end of a long log, for failure messages.
std::string tail(const std::string& log);

int count_of(const std::string& text, std::string_view needle);

// The GraphQL reply's `data.<field>`; a JSON null when the request failed or had errors.
nlohmann::json graphql_field(http_test::HttpClient& client, const std::string& query,
                             std::string_view field);

// Registers and logs in a user on the node at `port`; returns the bearer token (empty on failure).
std::string register_and_log_in(std::uint16_t port, const std::string& email,
                                const std::string& password);

// Polls `condition` every `poll` until it holds (true) or `within` passed (false).
template <typename Condition>
bool eventually(std::chrono::milliseconds within, Condition condition,
                std::chrono::milliseconds poll = kPoll) {
  auto deadline = SteadyClock::now() + within;
  while (!condition()) {
    if (SteadyClock::now() >= deadline) return false;
    std::this_thread::sleep_for(poll);
  }
  return true;
}

}  // namespace fafnir::cluster_serve
