#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace fafnir {

// Appenders of compact JSON text, used to serialize GraphQL responses and event payloads without
// building a JSON tree.

// A quoted, escaped string. Invalid UTF-8 sequences are replaced by U+FFFD, so the output is
// always valid JSON.
void append_json_string(std::string_view text, std::string* out);

void append_json_int(std::int64_t value, std::string* out);
void append_json_uint(std::uint64_t value, std::string* out);

// The shortest text that reads back as `value`. REQUIRES: std::isfinite(value).
void append_json_double(double value, std::string* out);

// Any JSON value; non-finite numbers are written as null.
void append_json(const nlohmann::json& value, std::string* out);

// Appends one JSON object, member by member in the order written, to a borrowed string:
// `{` on construction, `}` on close(). Not thread-safe.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }

  JsonObjectWriter& text(std::string_view key, std::string_view value) {
    append_json_string(value, member(key));
    return *this;
  }
  JsonObjectWriter& flag(std::string_view key, bool value) {
    member(key)->append(value ? "true" : "false");
    return *this;
  }
  // Starts a nested object member; close it before writing the next member of this one.
  JsonObjectWriter object(std::string_view key) { return JsonObjectWriter(member(key)); }
  void close() { out_->push_back('}'); }

 private:
  std::string* member(std::string_view key) {
    if (!first_) out_->push_back(',');
    first_ = false;
    append_json_string(key, out_);
    out_->push_back(':');
    return out_;
  }

  std::string* out_;
  bool first_ = true;
};

}  // namespace fafnir
