#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/common/status.h"

namespace fafnir {

inline constexpr int kMaxJsonDepth = 64;

// A request body parsed as JSON. InvalidArgument for malformed JSON or nesting deeper than
// `max_depth` (checked before parsing, so hostile input cannot exhaust the stack).
Result<nlohmann::json> parse_json_body(std::string_view body, int max_depth = kMaxJsonDepth);

// The string member `name` of `object`, or InvalidArgument naming it.
Result<std::string> string_member(const nlohmann::json& object, const char* name);

}  // namespace fafnir
