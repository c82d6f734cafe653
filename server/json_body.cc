#include "server/json_body.h"

namespace fafnir {
namespace {

bool nested_deeper_than(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace

Result<nlohmann::json> parse_json_body(std::string_view body, int max_depth) {
  if (nested_deeper_than(body, max_depth)) {
    return Status::InvalidArgument("JSON nested deeper than " + std::to_string(max_depth) +
                                   " levels");
  }
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::InvalidArgument("request body is not valid JSON");
  return parsed;
}

Result<std::string> string_member(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return Status::InvalidArgument("request body must be a JSON object");
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) {
    return Status::InvalidArgument(std::string("'") + name + "' must be a string");
  }
  return it->get<std::string>();
}

}  // namespace fafnir
