#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
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
  std::vector<SourceLocation> locations = {};  // may be empty
  nlohmann::json path = nullptr;               // null, or an array of keys and list indices
  std::string code = {};                       // `extensions.code`; empty: no extensions
};

// The `extensions.code` of the errors the engine raises itself; resolvers' errors carry their own.
namespace error_codes {
// No query, a syntax error, or the size or depth limit reached while parsing.
inline constexpr std::string_view kParseFailed = "GRAPHQL_PARSE_FAILED";
// A validation rule broken, or no operation of the document that this request can run.
inline constexpr std::string_view kValidationFailed = "GRAPHQL_VALIDATION_FAILED";
// Variables or argument values that cannot be coerced to their types; a result too large.
inline constexpr std::string_view kBadUserInput = "BAD_USER_INPUT";
// A resolved value its type cannot complete.
inline constexpr std::string_view kInternal = "INTERNAL";
}  // namespace error_codes

// Appends the error as a JSON object, keys in the order message, locations, path, extensions,
// leaving out the empty ones.
void append_error_json(const GraphqlError& error, std::string* out);

// Appends `errors` as a JSON array.
void append_errors_json(const std::vector<GraphqlError>& errors, std::string* out);

// The body of a request refused before execution: {"errors":[...]}, each error given `code`.
std::string request_error_body(std::string_view code, std::vector<GraphqlError> errors);

}  // namespace fafnir::graphql
