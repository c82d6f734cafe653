#pragma once

#include <atomic>
#include <string>

#include <catch2/catch.hpp>

#include "tests/support/cluster_servers.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// The URL of a new, empty database on the shared test server, so each test starts clean.
inline std::string fresh_postgres_database(const ClusterServers& servers) {
  static std::atomic<int> counter{0};
  std::string name = "test_" + std::to_string(++counter);
  auto admin = PostgresConnection::connect(servers.postgres_url());
  REQUIRE(admin.ok());
  REQUIRE((*admin)->execute("DROP DATABASE IF EXISTS " + name).ok());
  REQUIRE((*admin)->execute("CREATE DATABASE " + name).ok());
  std::string url = servers.postgres_url();
  return url.substr(0, url.rfind('/') + 1) + name;
}

}  // namespace fafnir
