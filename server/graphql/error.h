#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fafnir::graphql {

// A position in a GraphQL source text; both 1-based. Columns count Unicode code points.
struct SourceLocation {
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// A syntax error: the message (starting "Syntax Error: ") and where it was found.
struct SyntaxError {
  std::string message;
  SourceLocation location;
};

// One entry of a response's `errors` list.
struct GraphqlError {
  std::string message;
  std::vector<SourceLocation> locations;  // may be empty
  nlohmann::json path;                    // null, or an array of keys and list indices
  std::string code;                       // `extensions.code`; empty: no extensions
};

// Appends the error as a JSON object, keys in the order message, locations, path, extensions,
// leaving out the empty ones.
void append_error_json(const GraphqlError& error, std::string* out);

// Appends `errors` as a JSON array.
void append_errors_json(const std::vector<GraphqlError>& errors, std::string* out);

}  // namespace fafnir::graphql
