#pragma once

#include <catch2/catch.hpp>

#include "tests/support/cluster_servers.h"
#include "transports/cluster/jetstream_stream.h"
#include "transports/cluster/nats_connection.h"

namespace fafnir {

// Deletes the JetStream streams of the cluster transport, with their messages and consumers, on
// the shared test server, so that a test starts from empty streams (the stream or the transport it
// opens next creates them again).
inline void delete_jetstream_streams(const ClusterServers& servers) {
  auto nats = NatsConnection::connect(servers.nats_url());
  REQUIRE(nats.ok());
  for (const NatsStreamConfig& config : JetStreamStream::streams()) {
    Status deleted = (*nats)->delete_stream(config.name);
    INFO(deleted.to_string());
    REQUIRE((deleted.ok() || deleted.code() == ErrorCode::kNotFound));
  }
}

}  // namespace fafnir
