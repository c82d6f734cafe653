#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/auth/auth_service.h"
#include "server/http_types.h"

namespace fafnir {

inline constexpr std::string_view kAuthCookie = "auth_token";
inline constexpr std::string_view kCsrfCookie = "csrf_token";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// The value of cookie `name` in the request's Cookie header(s).
std::optional<std::string> cookie_value(const HttpRequest& request, std::string_view name);

// Why a request's caller could not be established, as the REST error it answers with.
struct AuthFailure {
  unsigned http_status;    // 401 or 403
  std::string rest_code;   // UNAUTHORIZED, INVALID_TOKEN or FORBIDDEN
  std::string message;
};

// The caller behind `Authorization: Bearer <jwt>` or the auth_token cookie. With the cookie,
// unsafe methods (POST, PUT, PATCH, DELETE) also need X-CSRF-Token equal to the csrf_token
// cookie (compared in constant time). nullopt in `failure` when there are no credentials at all.
struct RequestCaller {
  std::optional<AuthenticatedUser> user;
  std::optional<AuthFailure> failure;
};
RequestCaller identify_caller(const HttpRequest& request, AuthService& auth);

}  // namespace fafnir
