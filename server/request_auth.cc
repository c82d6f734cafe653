#include "server/request_auth.h"

#include <sodium.h>

#include "core/common/text.h"

namespace fafnir {
namespace {

namespace http = boost::beast::http;

bool is_unsafe(http::verb method) {
  return method == http::verb::post || method == http::verb::put ||
         method == http::verb::patch || method == http::verb::delete_;
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() &&
         sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<std::string> cookie_value(const HttpRequest& request, std::string_view name) {
  for (auto it = request.find(http::field::cookie); it != request.end() &&
                                                    it->name() == http::field::cookie;
       ++it) {
    std::string_view header(it->value().data(), it->value().size());
    while (!header.empty()) {
      std::size_t end = header.find(';');
      std::string_view pair = trim(header.substr(0, end));
      header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
      std::size_t equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
        return std::string(pair.substr(equals + 1));
      }
    }
  }
  return std::nullopt;
}

RequestCaller identify_caller(const HttpRequest& request, AuthService& auth) {
  std::string token;
  bool from_cookie = false;
  auto authorization = request.find(http::field::authorization);
  if (authorization != request.end()) {
    std::string_view value(authorization->value().data(), authorization->value().size());
    constexpr std::string_view kBearer = "Bearer ";
    if (value.size() <= kBearer.size() || to_lower(value.substr(0, kBearer.size())) != "bearer ") {
      return {std::nullopt, AuthFailure{401, "INVALID_TOKEN", "Authorization must be Bearer <jwt>"}};
    }
    token = std::string(trim(value.substr(kBearer.size())));
  } else if (std::optional<std::string> cookie = cookie_value(request, kAuthCookie)) {
    token = *cookie;
    from_cookie = true;
  } else {
    return {};
  }
  if (from_cookie && is_unsafe(request.method())) {
    std::optional<std::string> expected = cookie_value(request, kCsrfCookie);
    auto header = request.find(boost::beast::string_view(kCsrfHeader.data(), kCsrfHeader.size()));
    std::string_view sent = header == request.end()
                                ? std::string_view()
                                : std::string_view(header->value().data(), header->value().size());
    if (!expected || !same_secret(*expected, sent)) {
      return {std::nullopt, AuthFailure{403, "FORBIDDEN",
                                        "missing or wrong X-CSRF-Token for cookie authentication"}};
    }
  }
  Result<AuthenticatedUser> user = auth.authenticate(token);
  if (!user.ok()) return {std::nullopt, AuthFailure{401, "INVALID_TOKEN", user.status().message()}};
  return {*user, std::nullopt};
}

}  // namespace fafnir
