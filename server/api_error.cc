#include "server/api_error.h"

#include <nlohmann/json.hpp>

#include "server/error_mapping.h"

namespace fafnir {

HttpResponse json_response(unsigned http_status, std::string body) {
  HttpResponse response{static_cast<boost::beast::http::status>(http_status), 11};
  response.set(boost::beast::http::field::content_type, "application/json");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

HttpResponse error_response(unsigned http_status, std::string_view code, std::string_view message,
                            std::string_view details) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!details.empty()) error["details"] = details;
  return json_response(http_status, nlohmann::json{{"error", error}}.dump());
}

HttpResponse error_response(const Status& status) {
  WireError wire = wire_error(status.code());
  return error_response(wire.http_status, wire.rest_code, status.message());
}

}  // namespace fafnir
