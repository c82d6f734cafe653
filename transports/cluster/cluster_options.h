#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// Where the cluster transport finds its servers. Every field is required; there are no defaults.
struct ClusterOptions {
  std::string postgres_url;  // FAFNIR_POSTGRES_URL, e.g. postgresql://fafnir@db:5432/fafnir
  std::string redis_url;     // FAFNIR_REDIS_URL, e.g. redis://cache:6379
  std::string nats_url;      // FAFNIR_NATS_URL, e.g. nats://events:4222

  // Reads the three variables through `lookup` (returns nullptr when unset). InvalidArgument
  // naming every missing variable.
  static Result<ClusterOptions> from_environment(
      const std::function<const char*(const char*)>& lookup);
};

// `url` with any password replaced by "***", for messages and logs.
std::string redact_url(std::string_view url);

}  // namespace fafnir
