#pragma once

#include <string>
#include <string_view>

#include "server/api_fields.h"

namespace fafnir {

// Helpers shared by the query and mutation field tables.

// {"code": "OK", <data_key>: data}.
ApiResult ok_response(nlohmann::json data, std::string_view data_key = "data");
// {"code": <mapped code>, "data": null} plus `extra` members, with the error attached.
ApiResult failed_response(const Status& status, nlohmann::json extra = nlohmann::json::object());
// ok_response(data) when `body` succeeds, else failed_response(its status, failed_extra).
ApiResult respond(const std::function<Result<nlohmann::json>()>& body,
                  nlohmann::json failed_extra = nlohmann::json::object());
// A plain field failure (for fields that return no response object).
ApiResult field_error(const Status& status);

// The caller when logged in and holding `permission`; Unauthenticated / PermissionDenied else.
Result<AuthenticatedUser> require(const ApiCall& call, std::string_view permission);

// Argument accessors: InvalidArgument when missing or of the wrong type.
Result<std::string> text_argument(const nlohmann::json& arguments, const char* name);
Result<nlohmann::json> object_argument(const nlohmann::json& arguments, const char* name);

// A decimal argument given as a JSON number, exactly (at most 6 decimals, finite).
template <typename T>
Result<T> decimal_argument(const nlohmann::json& arguments, const char* name) {
  auto it = arguments.find(name);
  if (it == arguments.end() || it->is_null()) {
    return Status::InvalidArgument(std::string(name) + " is required");
  }
  if (!it->is_number()) return Status::InvalidArgument(std::string(name) + " must be a number");
  Result<T> value = it->is_number_float() ? T::from_double(it->get<double>()) : T::parse(it->dump());
  if (!value.ok()) return value.status().with_context(name);
  return value;
}

}  // namespace fafnir
