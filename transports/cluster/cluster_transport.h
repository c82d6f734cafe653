#pragma once

#include <cstdlib>
#include <functional>

#include "core/platform/transport.h"

namespace fafnir {

// The services on PostgreSQL (one schema per service), Redis and NATS JetStream, configured by
// FAFNIR_POSTGRES_URL, FAFNIR_REDIS_URL and FAFNIR_NATS_URL. open() checks all three variables
// first (InvalidArgument naming the missing ones), then connects to each server (Internal naming
// the one that is unreachable), migrates the service schemas and creates the JetStream streams
// `users` and `orders`. Not thread-safe; open() once at start-up.
class ClusterTransport final : public Transport {
 public:
  static constexpr std::string_view kName = "cluster";

  // `lookup` reads configuration variables; nullptr when unset. Default: the environment.
  explicit ClusterTransport(std::function<const char*(const char*)> lookup = std::getenv)
      : lookup_(std::move(lookup)) {}

  std::string_view name() const override { return kName; }
  Result<Ports> open(const TransportContext& context) override;

 private:
  std::function<const char*(const char*)> lookup_;
};

}  // namespace fafnir
