#include <stdlib.h>

#include <filesystem>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "core/common/clock.h"
#include "tests/cluster/cluster_test_database.h"
#include "transports/cluster/nats_connection.h"
#include "transports/plugin/plugin_transport.h"

namespace fafnir {
namespace {

// Sets (or, with nullptr, unsets) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value != nullptr ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

PluginTransport cluster_plugin(std::filesystem::path dir) {
  return PluginTransport({"cluster", "fafnir_cluster.so", {std::move(dir)}});
}

}  // namespace

TEST_CASE("a missing plugin module is a clear error naming where it was looked for", "[cluster]") {
  PluginTransport transport = cluster_plugin("/nonexistent/plugins");
  ManualClock clock(Timestamp{0});
  Result<Ports> ports = transport.open({"/nonexistent/data", &clock});
  REQUIRE_FALSE(ports.ok());
  CHECK(ports.status().code() == ErrorCode::kFailedPrecondition);
  CHECK(ports.status().message().find("fafnir_cluster.so is not in /nonexistent/plugins") !=
        std::string::npos);
}

TEST_CASE("the cluster plugin names the server URLs it is missing", "[cluster]") {
  ScopedEnv postgres("FAFNIR_POSTGRES_URL", nullptr);
  ScopedEnv redis("FAFNIR_REDIS_URL", "redis://127.0.0.1:1");
  ScopedEnv nats("FAFNIR_NATS_URL", nullptr);
  PluginTransport transport = cluster_plugin(FAFNIR_PLUGIN_DIR_FOR_TESTS);
  ManualClock clock(Timestamp{0});
  Result<Ports> ports = transport.open({"/nonexistent/data", &clock});
  REQUIRE_FALSE(ports.ok());
  CHECK(ports.status().code() == ErrorCode::kInvalidArgument);
  CHECK(ports.status().message().find("FAFNIR_POSTGRES_URL, FAFNIR_NATS_URL") != std::string::npos);
}

TEST_CASE("the cluster plugin prepares the servers it is given and opens every port", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::string database = fresh_postgres_database(*servers);
  ScopedEnv postgres("FAFNIR_POSTGRES_URL", database.c_str());
  ScopedEnv redis("FAFNIR_REDIS_URL", servers->redis_url().c_str());
  ScopedEnv nats("FAFNIR_NATS_URL", servers->nats_url().c_str());
  PluginTransport transport = cluster_plugin(FAFNIR_PLUGIN_DIR_FOR_TESTS);
  ManualClock clock(Timestamp{0});
  Result<Ports> ports = transport.open({"/nonexistent/data", &clock});

  INFO(ports.status().to_string());
  REQUIRE(ports.ok());
  CHECK(ports->auth != nullptr);
  CHECK(ports->security != nullptr);
  CHECK(ports->profiles != nullptr);
  CHECK(ports->market != nullptr);
  CHECK(ports->orders != nullptr);
  CHECK(ports->portfolio != nullptr);
  CHECK(ports->stream != nullptr);
  CHECK(ports->outboxes.size() == 2);  // auth and order publish events
  CHECK(ports->leadership != nullptr);
  CHECK(ports->resting_orders != nullptr);
  CHECK_FALSE(std::filesystem::exists("/nonexistent/data"));
  auto db = PostgresConnection::connect(database);
  REQUIRE(db.ok());
  for (const char* schema :
       {"auth", "security", "\"user\"", "stock", "\"order\"", "portfolio", "stream"}) {
    INFO(schema);
    CHECK((*db)->query("SELECT 1 FROM " + std::string(schema) + ".schema_migrations")->rows() == 1);
  }
  auto events = NatsConnection::connect(servers->nats_url());
  REQUIRE(events.ok());
  CHECK((*events)->publish("users.registered", "{}", "plugin-test-1").ok());
  CHECK((*events)->publish("orders.created", "{}", "plugin-test-2").ok());
}

TEST_CASE("the cluster plugin names the server it cannot reach", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::string database = fresh_postgres_database(*servers);
  ScopedEnv postgres("FAFNIR_POSTGRES_URL", database.c_str());
  ScopedEnv redis("FAFNIR_REDIS_URL", "redis://127.0.0.1:1");
  ScopedEnv nats("FAFNIR_NATS_URL", servers->nats_url().c_str());
  PluginTransport transport = cluster_plugin(FAFNIR_PLUGIN_DIR_FOR_TESTS);
  ManualClock clock(Timestamp{0});
  Result<Ports> ports = transport.open({"/nonexistent/data", &clock});
  REQUIRE_FALSE(ports.ok());
  CHECK(ports.status().message().rfind("cannot connect to Redis at redis://127.0.0.1:1", 0) == 0);
}

}  // namespace fafnir
