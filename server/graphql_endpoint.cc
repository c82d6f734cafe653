#include "server/graphql_endpoint.h"

#include <nlohmann/json.hpp>

#include "server/api_fields.h"
#include "server/error_mapping.h"
#include "server/graphql/api_schema.h"
#include "server/graphql/engine.h"
#include "server/json_body.h"
#include "server/request_auth.h"
#include "server/url_query.h"

namespace fafnir {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;

// The per-request context resolvers see.
struct GraphqlCaller {
  std::optional<AuthenticatedUser> user;
  std::optional<AuthFailure> failure;  // why credentials that were sent were refused
};

HttpResponse graphql_response(unsigned status, std::string body) {
  HttpResponse response{static_cast<http::status>(status), 11};
  response.set(http::field::content_type, "application/json");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

HttpResponse request_error(unsigned status, std::string_view message, std::string_view code) {
  json error = {{"message", message}, {"extensions", {{"code", code}}}};
  return graphql_response(status, json{{"errors", json::array({error})}}.dump());
}

graphql::RootResolver adapt(Platform& platform, const ApiField& field,
                            const std::function<void()>* changed) {
  return [&platform, &field, changed](const graphql::ResolveContext& context,
                                      const json& arguments) -> graphql::FieldResult {
    const GraphqlCaller* caller = context.get<GraphqlCaller>();
    static const std::optional<AuthenticatedUser> kNobody;
    ApiResult result = field(ApiCall{platform, caller != nullptr ? caller->user : kNobody,
                                     arguments});
    if (changed != nullptr) (*changed)();
    if (!result.error) return graphql::FieldResult(std::move(result.value));
    // A refused token is no login; the error then says what was wrong with it.
    bool refused_token = result.error->code() == ErrorCode::kUnauthenticated && caller != nullptr &&
                         caller->failure.has_value();
    graphql::FieldError error{refused_token ? caller->failure->message : result.error->message(),
                              std::string(wire_error(result.error->code()).graphql_code)};
    if (result.value.is_null()) return graphql::FieldResult(std::move(error));
    return graphql::FieldResult::WithError(std::move(result.value), std::move(error));
  };
}

}  // namespace

GraphqlEndpoint::GraphqlEndpoint(Platform& platform, std::function<void()> changed)
    : platform_(platform), changed_(std::move(changed)) {}

GraphqlEndpoint::~GraphqlEndpoint() = default;

Result<std::unique_ptr<GraphqlEndpoint>> GraphqlEndpoint::create(Platform& platform,
                                                                 std::function<void()> changed) {
  std::unique_ptr<GraphqlEndpoint> endpoint(new GraphqlEndpoint(platform, std::move(changed)));
  graphql::Resolvers resolvers;
  for (const auto& [name, field] : query_fields()) {
    resolvers.query[name] = adapt(platform, field, nullptr);
  }
  for (const auto& [name, field] : mutation_fields()) {
    resolvers.mutation[name] = adapt(platform, field, &endpoint->changed_);
  }
  Result<std::unique_ptr<graphql::GraphqlEngine>> engine =
      graphql::GraphqlEngine::create(graphql::api_schema_sdl(), std::move(resolvers));
  if (!engine.ok()) return Status::Internal(engine.status().message());
  endpoint->engine_ = std::move(engine).value();
  return endpoint;
}

HttpResponse GraphqlEndpoint::handle(const HttpRequest& request, RequestInfo& info) {
  RequestCaller caller = identify_caller(request, platform_.auth());
  if (caller.failure && caller.failure->http_status == 403) {
    return request_error(403, caller.failure->message, "PERMISSION_DENIED");
  }
  GraphqlCaller context{caller.user, caller.failure};
  if (caller.user) info.user_id = caller.user->user_id;

  std::string query, operation_name;
  json variables;
  bool is_get = request.method() == http::verb::get;
  if (is_get) {
    std::string_view target(request.target().data(), request.target().size());
    std::optional<std::string> text = query_parameter(target, "query");
    if (!text) return request_error(400, "GET /graphql needs a query parameter", "INVALID_ARGUMENT");
    query = std::move(*text);
    operation_name = query_parameter(target, "operationName").value_or("");
    if (std::optional<std::string> raw = query_parameter(target, "variables"); raw && !raw->empty()) {
      Result<json> parsed = parse_json_body(*raw);
      if (!parsed.ok()) return request_error(400, parsed.status().message(), "INVALID_ARGUMENT");
      variables = std::move(parsed).value();
    }
  } else {
    Result<json> body = parse_json_body(request.body());
    if (!body.ok()) return request_error(400, body.status().message(), "INVALID_ARGUMENT");
    if (!body->is_object() || !body->contains("query") || !(*body)["query"].is_string()) {
      return request_error(400, "the body needs a string 'query'", "INVALID_ARGUMENT");
    }
    query = std::move((*body)["query"].get_ref<std::string&>());
    if (auto name = body->find("operationName"); name != body->end() && name->is_string()) {
      operation_name = std::move(name->get_ref<std::string&>());
    }
    if (auto vars = body->find("variables"); vars != body->end()) variables = std::move(*vars);
  }
  if (!variables.is_null() && !variables.is_object()) {
    return request_error(400, "'variables' must be a JSON object", "INVALID_ARGUMENT");
  }
  graphql::Request graphql_request{query, operation_name, std::move(variables), context, !is_get};
  graphql::Response response = engine_->execute(graphql_request);
  return graphql_response(response.outcome == graphql::Outcome::kOk ? 200 : 400,
                          std::move(response.body));
}

}  // namespace fafnir
