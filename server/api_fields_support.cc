#include "server/api_fields_support.h"

#include "server/error_mapping.h"

namespace fafnir {

using nlohmann::json;

ApiResult ok_response(json data, std::string_view data_key) {
  return {json{{"code", "OK"}, {std::string(data_key), std::move(data)}}, std::nullopt};
}

ApiResult failed_response(const Status& status, json extra) {
  extra["code"] = wire_error(status.code()).graphql_code;
  if (!extra.contains("data")) extra["data"] = nullptr;
  return {std::move(extra), status};
}

ApiResult respond(const std::function<Result<json>()>& body, json failed_extra) {
  Result<json> data = body();
  if (!data.ok()) return failed_response(data.status(), std::move(failed_extra));
  return ok_response(std::move(data).value());
}

ApiResult field_error(const Status& status) { return {json(nullptr), status}; }

Result<AuthenticatedUser> require(const ApiCall& call, std::string_view permission) {
  if (!call.caller) return Status::Unauthenticated("log in first");
  FAFNIR_RETURN_IF_ERROR(call.platform.security().require(call.caller->user_id, permission));
  return *call.caller;
}

Result<std::string> text_argument(const json& arguments, const char* name) {
  auto it = arguments.find(name);
  if (it == arguments.end() || !it->is_string()) {
    return Status::InvalidArgument(std::string(name) + " must be a string");
  }
  return it->get<std::string>();
}

Result<json> object_argument(const json& arguments, const char* name) {
  auto it = arguments.find(name);
  if (it == arguments.end() || !it->is_object()) {
    return Status::InvalidArgument(std::string(name) + " must be an input object");
  }
  return *it;
}

}  // namespace fafnir
