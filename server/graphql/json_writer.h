#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace fafnir::graphql {

// Appenders of compact JSON text, used to serialize responses without building a JSON tree.

// A quoted, escaped string. Invalid UTF-8 sequences are replaced by U+FFFD, so the output is
// always valid JSON.
void append_json_string(std::string_view text, std::string* out);

void append_json_int(std::int64_t value, std::string* out);
void append_json_uint(std::uint64_t value, std::string* out);

// The shortest text that reads back as `value`. REQUIRES: std::isfinite(value).
void append_json_double(double value, std::string* out);

// Any JSON value; non-finite numbers are written as null.
void append_json(const nlohmann::json& value, std::string* out);

}  // namespace fafnir::graphql
