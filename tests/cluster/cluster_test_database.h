#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "tests/support/cluster_servers.h"
#include "transports/cluster/postgres_connection.h"
#include "transports/cluster/postgres_migrator.h"

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

// The URL of a new database (see fresh_postgres_database) where `schema` is migrated.
inline std::string migrated_postgres_database(const ClusterServers& servers, const Schema& schema) {
  std::string url = fresh_postgres_database(servers);
  auto admin = PostgresConnection::connect(url);
  REQUIRE(admin.ok());
  Status migrated = migrate_postgres_schema(**admin, schema);
  INFO(migrated.to_string());
  REQUIRE(migrated.ok());
  return url;
}

// A connection to `url` with unqualified names resolving to `schema`: what a store over that
// schema expects. Each call is another session, as another node would have.
inline std::unique_ptr<PostgresConnection> postgres_schema_connection(const std::string& url,
                                                                      const Schema& schema) {
  auto connection = PostgresConnection::connect(url, schema.name);
  REQUIRE(connection.ok());
  return std::move(connection).value();
}

// A connection to a new database where `schema` is migrated (see the two above).
inline std::unique_ptr<PostgresConnection> migrated_postgres_schema(const ClusterServers& servers,
                                                                    const Schema& schema) {
  return postgres_schema_connection(migrated_postgres_database(servers, schema), schema);
}

// The configuration of a ClusterTransport on `servers` with its PostgreSQL data in
// `database_url`, as the lookup ClusterTransport takes; the strings live in the returned function.
inline std::function<const char*(const char*)> cluster_settings(const ClusterServers& servers,
                                                                std::string database_url) {
  return [database = std::move(database_url), redis = servers.redis_url(),
          nats = servers.nats_url()](const char* name) -> const char* {
    std::string_view variable(name);
    if (variable == "FAFNIR_POSTGRES_URL") return database.c_str();
    if (variable == "FAFNIR_REDIS_URL") return redis.c_str();
    if (variable == "FAFNIR_NATS_URL") return nats.c_str();
    return nullptr;
  };
}

}  // namespace fafnir
