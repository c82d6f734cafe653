#pragma once

#include <any>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/graphql/prepared_document.h"
#include "server/graphql/resolver_table.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {

struct ExecutionLimits {
  // Most values (fields and list items) one execution may complete; past it the remaining
  // fields are null and one error says why. Bounds the work of queries that fan out through
  // recursive types (introspection). Default 200,000.
  std::size_t max_values = 200'000;
};

struct ExecutionRequest {
  std::string_view operation_name;            // required when the document has several
  const nlohmann::json* variables = nullptr;  // a JSON object, null, or nullptr for none
  const std::any* context = nullptr;          // passed to resolvers; nullptr: an empty std::any
  bool allow_mutation = true;                 // false: a mutation is a request error
};

struct ExecutionResult {
  // True when nothing was executed: no operation could be chosen, or variables were invalid.
  // The body then holds only `errors`.
  bool request_error = false;
  // The response JSON: {"errors": [...], "data": ...}, `errors` only when there are some.
  std::string body;
};

// Executes one operation of a prepared document (spec §6): chooses the operation, coerces
// variables (request errors, with graphql-js messages such as "Variable \"$x\" got invalid
// value ..."), then executes its selection set with the bound resolvers: arguments coerced
// with defaults, aliases, fragments with type conditions, @skip/@include, __typename, and
// the introspection fields when their resolvers are bound. A field error (a resolver's error,
// a null for a non-null type, a value its type cannot serialize) is reported with `path` and
// `locations`, and the field's value becomes null, propagating to the nearest nullable parent.
// Mutation fields run in order. Thread-safe: shares nothing between calls but its arguments.
ExecutionResult execute(const Schema& schema, const ResolverTable& resolvers,
                        const PreparedDocument& document, const ExecutionRequest& request,
                        const ExecutionLimits& limits = {});

}  // namespace fafnir::graphql
