// Parity: every bundled scenario passes on the cluster transport (PostgreSQL, Redis, JetStream)
// as it does on the embedded one.
#include <catch2/catch.hpp>

#include "scenario/scenario_files.h"
#include "scenario/scenario_reporter.h"
#include "scenario/scenario_runner.h"
#include "tests/cluster/cluster_test_database.h"
#include "tests/cluster/cluster_test_streams.h"
#include "transports/cluster/cluster_transport.h"

namespace fafnir {

TEST_CASE("every bundled scenario passes on the cluster transport", "[cluster][scenario]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  Result<std::vector<std::filesystem::path>> files =
      expand_scenario_paths({std::string(FAFNIR_SCENARIOS_DIR)});
  REQUIRE(files.ok());
  REQUIRE(files->size() >= 20);
  for (const std::filesystem::path& file : *files) {
    // Each scenario starts from empty servers, as each embedded one starts from a new directory.
    empty_stream_and_redis(*servers);
    ClusterTransport cluster(cluster_settings(*servers, fresh_postgres_database(*servers)));
    ScenarioResult result = run_scenario_file(file, cluster);
    std::string failures;
    if (!result.passed()) {
      for (const std::string& line : failure_lines(result)) failures += line + "\n";
    }
    INFO(file.filename().string() << "\n" << failures);
    CHECK(result.passed());
  }
}

}  // namespace fafnir
