#include "server/graphql/error.h"

#include "core/common/json_writer.h"

namespace fafnir::graphql {

void append_error_json(const GraphqlError& error, std::string* out) {
  out->append("{\"message\":");
  append_json_string(error.message, out);
  if (!error.locations.empty()) {
    out->append(",\"locations\":[");
    for (std::size_t i = 0; i < error.locations.size(); ++i) {
      if (i > 0) out->push_back(',');
      out->append("{\"line\":");
      append_json_int(error.locations[i].line, out);
      out->append(",\"column\":");
      append_json_int(error.locations[i].column, out);
      out->push_back('}');
    }
    out->push_back(']');
  }
  if (error.path.is_array()) {
    out->append(",\"path\":");
    append_json(error.path, out);
  }
  if (!error.code.empty()) {
    out->append(",\"extensions\":{\"code\":");
    append_json_string(error.code, out);
    out->push_back('}');
  }
  out->push_back('}');
}

void append_errors_json(const std::vector<GraphqlError>& errors, std::string* out) {
  out->push_back('[');
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) out->push_back(',');
    append_error_json(errors[i], out);
  }
  out->push_back(']');
}

std::string request_error_body(std::string_view code, std::vector<GraphqlError> errors) {
  for (GraphqlError& error : errors) error.code = code;
  std::string body = "{\"errors\":";
  append_errors_json(errors, &body);
  body.push_back('}');
  return body;
}

}  // namespace fafnir::graphql
