#pragma once

#include <catch2/catch.hpp>

#include "tests/support/cluster_servers.h"
#include "transports/cluster/jetstream_stream.h"
#include "transports/cluster/nats_connection.h"
#include "transports/cluster/redis_connection.h"

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

// Empties what the cluster transport keeps outside PostgreSQL on the shared test servers: the
// JetStream streams (see delete_jetstream_streams) and the Redis database (the resting-order
// index), so that a new deployment's test starts from nothing.
inline void empty_stream_and_redis(const ClusterServers& servers) {
  delete_jetstream_streams(servers);
  auto redis = RedisConnection::connect(servers.redis_url());
  REQUIRE(redis.ok());
  REQUIRE((*redis)->command({"FLUSHDB"}).ok());
}

}  // namespace fafnir
