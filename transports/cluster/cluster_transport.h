#pragma once

#include <cstdlib>
#include <functional>

#include "core/platform/transport.h"

namespace fafnir {

// The services on PostgreSQL (one schema per service), Redis and NATS JetStream, configured by
// FAFNIR_POSTGRES_URL, FAFNIR_REDIS_URL and FAFNIR_NATS_URL. open() needs a clock (InvalidArgument
// without one), checks all three variables (InvalidArgument naming the missing ones), connects to
// each server (Internal naming the one that is unreachable), migrates the service schemas and the
// stream schema, and creates the JetStream streams `users` and `orders`. The ports it returns:
// one PostgreSQL store per service, each on a session of its own; the outboxes of the auth and
// order schemas; a JetStreamStream timed by the context's clock (see jetstream_stream.h); the
// market leadership, a PostgreSQL advisory lock (see postgres_market_leadership.h); and the
// resting-order index on Redis (see redis_resting_order_index.h). Nothing is written to the data directory. Several
// processes (nodes) may open the same servers: their ports share the stored data and the consumer
// groups. Not thread-safe; open() once at start-up.
class ClusterTransport final : public Transport {
 public:
  static constexpr std::string_view kName = "cluster";

  // `lookup` reads configuration variables; nullptr when unset. Default: the environment.
  explicit ClusterTransport(std::function<const char*(const char*)> lookup = std::getenv)
      : lookup_(std::move(lookup)) {}

  std::string_view name() const override { return kName; }
  bool shares_market() const override { return true; }
  Result<Ports> open(const TransportContext& context) override;

 private:
  std::function<const char*(const char*)> lookup_;
};

}  // namespace fafnir
