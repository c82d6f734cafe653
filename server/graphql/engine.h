#pragma once

#include <any>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/common/status.h"
#include "server/graphql/resolver.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {

struct EngineOptions {
  std::size_t max_query_bytes = 256 * 1024;  // longer queries are request errors; default 256 KiB
  // Deepest nesting of selection sets (also list/object values and list types while parsing),
  // checked while parsing and again with fragments expanded; default 100, at most 500.
  int max_depth = 100;
  std::size_t max_values = 200'000;   // values one execution may complete; default 200,000
  std::size_t cache_capacity = 1000;  // prepared documents kept by query text; 0: no cache
};

// A GraphQL request, as read from POST /graphql's JSON body or GET /graphql's query string.
struct Request {
  std::string_view query;           // borrowed for the duration of execute()
  std::string_view operation_name;  // empty: the document's only operation
  nlohmann::json variables;         // a JSON object, or null for none
  std::any context;                 // handed to resolvers as ResolveContext::context
  bool allow_mutation = true;       // false (GET): a mutation is a request error
};

enum class Outcome {
  kOk,            // executed; field errors, if any, are in the body (HTTP 200)
  kRequestError,  // not executed (HTTP 400); every error's extensions.code says why:
                  // GRAPHQL_PARSE_FAILED (no query, syntax, size or depth while parsing),
                  // GRAPHQL_VALIDATION_FAILED (validation rules, unknown or ambiguous operation,
                  // mutation not allowed), BAD_USER_INPUT (invalid variables)
};

struct Response {
  Outcome outcome = Outcome::kOk;
  std::string body;  // JSON: {"errors"?: [...], "data"?: ...}; no "data" on request errors
};

struct EngineStats {
  std::uint64_t cache_hits = 0;
  std::uint64_t cache_misses = 0;
  std::size_t cached_documents = 0;
};

// Serves one schema: parses, validates and caches documents, then executes them with the
// host's resolvers plus built-in introspection. Thread-safe: execute() may run concurrently
// on any number of threads (the resolvers must allow it too).
class GraphqlEngine {
 public:
  // InvalidArgument for an invalid SDL (with line and column), a resolver naming a field the
  // schema lacks, or a resolver for a reserved "__" field.
  static Result<std::unique_ptr<GraphqlEngine>> create(std::string_view sdl, Resolvers resolvers,
                                                       EngineOptions options = {});

  virtual ~GraphqlEngine() = default;

  // Never fails as a call: every problem is a response with errors.
  virtual Response execute(const Request& request) const = 0;
  virtual const Schema& schema() const = 0;
  virtual EngineStats stats() const = 0;
};

}  // namespace fafnir::graphql
