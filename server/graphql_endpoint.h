#pragma once

#include <functional>
#include <memory>

#include "core/platform/platform.h"
#include "server/http_types.h"

namespace fafnir {

namespace graphql {
class GraphqlEngine;
}

// POST /graphql ({query, operationName, variables}) and GET /graphql?query=... over the API
// schema, resolved by query_fields() / mutation_fields(). Parse and validation errors answer
// 400; field errors 200. Cookie-authenticated POSTs need the CSRF header. Thread-safe.
class GraphqlEndpoint {
 public:
  // Borrows `platform`. `changed` is called after a mutation, so its events get handled soon.
  // Internal when the API schema or the resolvers do not fit together (a bug).
  static Result<std::unique_ptr<GraphqlEndpoint>> create(Platform& platform,
                                                         std::function<void()> changed);
  ~GraphqlEndpoint();

  HttpResponse handle(const HttpRequest& request, RequestInfo& info);

 private:
  GraphqlEndpoint(Platform& platform, std::function<void()> changed);

  Platform& platform_;
  std::function<void()> changed_;
  std::unique_ptr<graphql::GraphqlEngine> engine_;
};

}  // namespace fafnir
