#include "server/rest_auth.h"

#include "server/api_error.h"
#include "server/json_body.h"
#include "server/request_auth.h"
#include "server/url_query.h"

namespace fafnir {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;

constexpr int kCookieMaxAgeSeconds = 86400;

std::string cookie(std::string_view name, std::string_view value, bool http_only, int max_age) {
  return std::string(name) + "=" + std::string(value) + "; Path=/; Max-Age=" +
         std::to_string(max_age) + "; SameSite=Lax" + (http_only ? "; HttpOnly" : "");
}

void clear_cookies(HttpResponse& response) {
  response.insert(http::field::set_cookie, cookie(kAuthCookie, "", true, 0));
  response.insert(http::field::set_cookie, cookie(kCsrfCookie, "", false, 0));
}

HttpResponse no_content() {
  HttpResponse response{http::status::no_content, 11};
  response.prepare_payload();
  return response;
}

bool wants_token_in_body(const HttpRequest& request) {
  std::string_view target(request.target().data(), request.target().size());
  return query_parameter(target, "token") == "1";
}

HttpResponse auth_failure(const AuthFailure& failure) {
  return error_response(failure.http_status, failure.rest_code, failure.message);
}

}  // namespace

HttpResponse RestAuth::register_user(const HttpRequest& request) {
  Result<json> body = parse_json_body(request.body());
  if (!body.ok()) return error_response(body.status());
  RegistrationRequest registration;
  for (auto [field, target] : {std::pair{"email", &registration.email},
                               std::pair{"password", &registration.password},
                               std::pair{"firstName", &registration.first_name},
                               std::pair{"lastName", &registration.last_name}}) {
    Result<std::string> value = string_member(*body, field);
    if (!value.ok()) return error_response(value.status());
    *target = std::move(value).value();
  }
  Result<std::string> user_id = platform_.auth().register_user(registration);
  if (!user_id.ok()) return error_response(user_id.status());
  changed_();
  return json_response(201, json{{"userId", *user_id}, {"message", "user registered"}}.dump());
}

HttpResponse RestAuth::login(const HttpRequest& request, const RequestInfo& info) {
  Status allowed = address_throttle_.check(info.client_address);
  if (!allowed.ok()) return error_response(allowed);
  Result<json> body = parse_json_body(request.body());
  if (!body.ok()) return error_response(body.status());
  Result<std::string> email = string_member(*body, "email");
  Result<std::string> password = string_member(*body, "password");
  if (!email.ok()) return error_response(email.status());
  if (!password.ok()) return error_response(password.status());
  Result<LoginSession> session = platform_.auth().login(*email, *password);
  if (!session.ok()) {
    if (session.status().code() == ErrorCode::kUnauthenticated) {
      address_throttle_.record_failure(info.client_address);
    }
    return error_response(session.status());
  }
  address_throttle_.record_success(info.client_address);
  json answer = {{"message", "logged in"}};
  if (wants_token_in_body(request)) answer["token"] = session->token;
  HttpResponse response = json_response(200, answer.dump());
  response.insert(http::field::set_cookie,
                  cookie(kAuthCookie, session->token, true, kCookieMaxAgeSeconds));
  response.insert(http::field::set_cookie,
                  cookie(kCsrfCookie, session->csrf_token, false, kCookieMaxAgeSeconds));
  return response;
}

HttpResponse RestAuth::me(const HttpRequest& request) {
  RequestCaller caller = identify_caller(request, platform_.auth());
  if (caller.failure) return auth_failure(*caller.failure);
  if (!caller.user) return error_response(401, "UNAUTHORIZED", "not logged in");
  return json_response(200, json{{"userId", caller.user->user_id},
                                 {"email", caller.user->email}}.dump());
}

HttpResponse RestAuth::logout(const HttpRequest& request) {
  RequestCaller caller = identify_caller(request, platform_.auth());
  if (caller.failure && caller.failure->http_status == 403) return auth_failure(*caller.failure);
  if (caller.user) {
    Status revoked = platform_.auth().logout(*caller.user);
    if (!revoked.ok()) return error_response(revoked);
  }
  HttpResponse response = no_content();
  clear_cookies(response);
  return response;
}

HttpResponse RestAuth::delete_user(const HttpRequest& request) {
  RequestCaller caller = identify_caller(request, platform_.auth());
  if (caller.failure) return auth_failure(*caller.failure);
  if (!caller.user) return error_response(401, "UNAUTHORIZED", "not logged in");
  Status deleted = platform_.auth().delete_user(*caller.user);
  if (!deleted.ok()) return error_response(deleted);
  changed_();
  HttpResponse response = no_content();
  clear_cookies(response);
  return response;
}

}  // namespace fafnir
