// Registers the cluster transport for FAFNIR_TEST_TRANSPORT=cluster: each trading fixture gets a
// fresh database and empty JetStream streams on the shared test servers.
#include "tests/cluster/cluster_test_database.h"
#include "tests/cluster/cluster_test_streams.h"
#include "tests/support/fixture_transport.h"
#include "transports/cluster/cluster_transport.h"

namespace fafnir {
namespace {

const bool kRegistered = register_fixture_transport("cluster", []() -> std::unique_ptr<Transport> {
  ClusterServers* servers = ClusterServers::shared();
  REQUIRE(servers != nullptr);
  empty_stream_and_redis(*servers);
  return std::make_unique<ClusterTransport>(
      cluster_settings(*servers, fresh_postgres_database(*servers)));
});

}  // namespace
}  // namespace fafnir
