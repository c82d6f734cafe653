#include "transports/cluster/cluster_options.h"

namespace fafnir {

Result<ClusterOptions> ClusterOptions::from_environment(
    const std::function<const char*(const char*)>& lookup) {
  ClusterOptions options;
  std::string missing;
  auto read = [&](const char* name, std::string& field) {
    const char* value = lookup(name);
    if (value != nullptr && *value != '\0') {
      field = value;
    } else {
      missing += (missing.empty() ? "" : ", ") + std::string(name);
    }
  };
  read("FAFNIR_POSTGRES_URL", options.postgres_url);
  read("FAFNIR_REDIS_URL", options.redis_url);
  read("FAFNIR_NATS_URL", options.nats_url);
  if (!missing.empty()) {
    return Status::InvalidArgument("the cluster transport needs " + missing +
                                   " (postgresql://..., redis://..., nats://... URLs)");
  }
  return options;
}

std::string redact_url(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  std::size_t authority = scheme_end + 3;
  std::size_t authority_end = url.find_first_of("/?#", authority);
  std::size_t at = url.rfind('@', authority_end);
  if (at == std::string_view::npos || at < authority) return std::string(url);
  std::size_t colon = url.find(':', authority);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace fafnir
