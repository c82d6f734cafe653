#pragma once

#include <functional>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "core/platform/platform.h"
#include "server/address_throttle.h"
#include "server/graphql_endpoint.h"
#include "server/http_types.h"
#include "server/metrics.h"
#include "server/rest_auth.h"

namespace fafnir {

// Routes every request of `fafnir serve`: the REST auth endpoints, /graphql, /healthz, /metrics
// and a GraphiQL page at /. Records metrics and writes one JSON log line per request (never
// bodies, passwords or tokens). Thread-safe.
class ApiRouter {
 public:
  // Borrows everything; all must outlive the router.
  ApiRouter(Platform& platform, GraphqlEndpoint& graphql, AddressThrottle& address_throttle,
            HttpMetrics& metrics, std::shared_ptr<spdlog::logger> log,
            std::function<void()> changed);

  HttpResponse handle(const HttpRequest& request, RequestInfo& info);

 private:
  HttpResponse route(const HttpRequest& request, RequestInfo& info, std::string& route_name);
  HttpResponse metrics_page();

  Platform& platform_;
  GraphqlEndpoint& graphql_;
  HttpMetrics& metrics_;
  std::shared_ptr<spdlog::logger> log_;
  RestAuth rest_auth_;
};

}  // namespace fafnir
