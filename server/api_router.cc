#include "server/api_router.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "server/api_error.h"
#include "server/graphiql_page.h"

namespace fafnir {
namespace {

namespace http = boost::beast::http;

std::string_view path_of(const HttpRequest& request) {
  std::string_view target(request.target().data(), request.target().size());
  return target.substr(0, target.find('?'));
}

HttpResponse text_response(std::string_view content_type, std::string body) {
  HttpResponse response{http::status::ok, 11};
  response.set(http::field::content_type,
               boost::beast::string_view(content_type.data(), content_type.size()));
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

HttpResponse method_not_allowed() {
  return error_response(405, "INVALID_INPUT", "method not allowed on this path");
}

}  // namespace

ApiRouter::ApiRouter(Platform& platform, GraphqlEndpoint& graphql,
                     AddressThrottle& address_throttle, HttpMetrics& metrics,
                     std::shared_ptr<spdlog::logger> log, std::function<void()> changed)
    : platform_(platform),
      graphql_(graphql),
      metrics_(metrics),
      log_(std::move(log)),
      rest_auth_(platform, address_throttle, std::move(changed)) {}

HttpResponse ApiRouter::handle(const HttpRequest& request, RequestInfo& info) {
  auto start = std::chrono::steady_clock::now();
  std::string route_name;
  HttpResponse response = route(request, info, route_name);
  if (request.method() == http::verb::head) {
    response.content_length(response.body().size());
    response.body().clear();
  }
  auto latency = std::chrono::steady_clock::now() - start;
  metrics_.record(route_name, response.result_int(), latency);
  if (log_->should_log(spdlog::level::info)) {
    nlohmann::json line = {
        {"method", std::string(request.method_string())},
        {"path", std::string(path_of(request))},
        {"status", response.result_int()},
        {"latencyMs", std::chrono::duration<double, std::milli>(latency).count()},
        {"client", info.client_address}};
    if (!info.user_id.empty()) line["userId"] = info.user_id;
    log_->info(line.dump());
  }
  return response;
}

HttpResponse ApiRouter::route(const HttpRequest& request, RequestInfo& info,
                              std::string& route_name) {
  std::string_view path = path_of(request);
  http::verb method = request.method();
  route_name = std::string(path);
  if (path == "/graphql") {
    if (method != http::verb::post && method != http::verb::get) return method_not_allowed();
    return graphql_.handle(request, info);
  }
  if (path == "/auth/register" && method == http::verb::post) return rest_auth_.register_user(request);
  if (path == "/auth/login" && method == http::verb::post) return rest_auth_.login(request, info);
  if (path == "/auth/me" && method == http::verb::get) return rest_auth_.me(request);
  if (path == "/auth/logout" && method == http::verb::delete_) return rest_auth_.logout(request);
  if (path == "/auth/delete" && method == http::verb::delete_) return rest_auth_.delete_user(request);
  // The read-only pages answer HEAD as GET; handle() then drops the body.
  bool read_only = method == http::verb::get || method == http::verb::head;
  if (path == "/healthz" && read_only) {
    return text_response("application/json", R"({"status":"ok"})");
  }
  if (path == "/metrics" && read_only) return metrics_page();
  if (path == "/" && read_only) return text_response("text/html", graphiql_page());
  route_name = "other";
  if (path.rfind("/auth/", 0) == 0) return method_not_allowed();
  return error_response(404, "NOT_FOUND", "no such path");
}

HttpResponse ApiRouter::metrics_page() {
  Result<std::vector<std::pair<OrderStatus, std::int64_t>>> orders =
      platform_.orders().count_by_status();
  Result<std::vector<ConsumerLag>> lags = platform_.stream().lag();
  if (!orders.ok()) return error_response(orders.status());
  if (!lags.ok()) return error_response(lags.status());
  return text_response("text/plain; version=0.0.4", metrics_.render(*orders, *lags));
}

}  // namespace fafnir
