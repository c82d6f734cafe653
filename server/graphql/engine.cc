#include "server/graphql/engine.h"

#include <atomic>

#include "server/graphql/document_cache.h"
#include "server/graphql/executor.h"
#include "server/graphql/introspection.h"
#include "server/graphql/parser.h"
#include "server/graphql/validator.h"

namespace fafnir::graphql {
namespace {

Response request_error(std::string_view code, std::vector<GraphqlError> errors) {
  return {Outcome::kRequestError, request_error_body(code, std::move(errors))};
}

bool has_reserved_name(const Resolvers& resolvers) {
  auto reserved = [](const std::string& name) { return name.rfind("__", 0) == 0; };
  for (const auto& [name, resolver] : resolvers.query) {
    if (reserved(name)) return true;
  }
  for (const auto& [name, resolver] : resolvers.mutation) {
    if (reserved(name)) return true;
  }
  for (const auto& [name, resolver] : resolvers.fields) {
    if (reserved(name)) return true;
  }
  return false;
}

class EngineImpl final : public GraphqlEngine {
 public:
  EngineImpl(std::shared_ptr<const Schema> schema, ResolverTable resolvers,
             const EngineOptions& options)
      : schema_(std::move(schema)),
        resolvers_(std::move(resolvers)),
        options_(options),
        cache_(options.cache_capacity) {
    parse_options_.max_bytes = options.max_query_bytes;
    parse_options_.max_depth = options.max_depth;
    validation_options_.max_depth = options.max_depth;
    limits_.max_values = options.max_values;
  }

  Response execute(const Request& request) const override {
    std::shared_ptr<const PreparedDocument> document = cache_.find(request.query);
    if (document != nullptr) {
      hits_.fetch_add(1, std::memory_order_relaxed);
    } else {
      misses_.fetch_add(1, std::memory_order_relaxed);
      if (request.query.empty()) {
        return request_error(error_codes::kParseFailed,
                             {GraphqlError{.message = "Must provide query string."}});
      }
      auto parsed = parse_executable(request.query, parse_options_);
      if (!parsed.ok()) {
        return request_error(error_codes::kParseFailed,
                             {GraphqlError{.message = parsed.error().message,
                                           .locations = {parsed.error().location}}});
      }
      std::vector<GraphqlError> errors = validate(*schema_, parsed.value(), validation_options_);
      if (!errors.empty()) return request_error(error_codes::kValidationFailed, std::move(errors));
      document = PreparedDocument::create(*schema_, std::move(parsed).value());
      cache_.insert(request.query, document);
    }
    ExecutionRequest execution;
    execution.operation_name = request.operation_name;
    execution.variables = &request.variables;
    execution.context = &request.context;
    execution.allow_mutation = request.allow_mutation;
    ExecutionResult result =
        fafnir::graphql::execute(*schema_, resolvers_, *document, execution, limits_);
    Response response;
    response.outcome = result.request_error ? Outcome::kRequestError : Outcome::kOk;
    response.body = std::move(result.body);
    return response;
  }

  const Schema& schema() const override { return *schema_; }

  EngineStats stats() const override {
    return {hits_.load(std::memory_order_relaxed), misses_.load(std::memory_order_relaxed),
            cache_.size()};
  }

 private:
  std::shared_ptr<const Schema> schema_;
  ResolverTable resolvers_;
  EngineOptions options_;
  ParseOptions parse_options_;
  ValidationOptions validation_options_;
  ExecutionLimits limits_;
  mutable DocumentCache cache_;
  mutable std::atomic<std::uint64_t> hits_{0};
  mutable std::atomic<std::uint64_t> misses_{0};
};

}  // namespace

Result<std::unique_ptr<GraphqlEngine>> GraphqlEngine::create(std::string_view sdl,
                                                             Resolvers resolvers,
                                                             EngineOptions options) {
  FAFNIR_ASSIGN_OR_RETURN(std::shared_ptr<const Schema> schema, Schema::build(sdl));
  if (has_reserved_name(resolvers)) {
    return Status::InvalidArgument("resolvers may not name fields starting with \"__\"");
  }
  Resolvers all = introspection_resolvers(*schema);
  all.query.merge(resolvers.query);
  all.mutation.merge(resolvers.mutation);
  all.fields.merge(resolvers.fields);
  FAFNIR_ASSIGN_OR_RETURN(ResolverTable table, ResolverTable::bind(*schema, std::move(all)));
  return std::unique_ptr<GraphqlEngine>(
      new EngineImpl(std::move(schema), std::move(table), options));
}

}  // namespace fafnir::graphql
