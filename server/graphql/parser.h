#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <variant>

#include "server/graphql/ast.h"
#include "server/graphql/error.h"

namespace fafnir::graphql {

// The deepest nesting a parser accepts whatever the options say; it bounds the recursion of the
// parser and of everything that walks a parsed tree.
inline constexpr int kMaxSupportedDepth = 500;

struct ParseOptions {
  std::size_t max_bytes = 256 * 1024;  // longer sources are refused; default 256 KiB
  // Deepest nesting of selection sets, list and object values and list types (each level counts
  // one); deeper documents are refused as soon as the parser reaches the level. Default 100;
  // values above kMaxSupportedDepth count as kMaxSupportedDepth.
  int max_depth = 100;
};

// A parsed tree or the first syntax error.
template <typename T>
class [[nodiscard]] ParseResult {
 public:
  ParseResult(T value) : state_(std::move(value)) {}            // NOLINT
  ParseResult(SyntaxError error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  // REQUIRES: !ok()
  const SyntaxError& error() const { return std::get<SyntaxError>(state_); }

 private:
  std::variant<T, SyntaxError> state_;
};

// Parses an executable document: operations and fragments (type-system definitions are syntax
// errors). Errors: any lexical or syntax error, a source over options.max_bytes, nesting over
// options.max_depth, a document without definitions. Recursion is bounded by max_depth, so any
// input is safe to parse. Thread-safe.
ParseResult<ast::Document> parse_executable(std::string_view source,
                                            const ParseOptions& options = {});

// Parses a type-system document (SDL) with the same limits. `extend` definitions are refused.
ParseResult<ast::TypeSystemDocument> parse_type_system(std::string_view source,
                                                       const ParseOptions& options = {});

}  // namespace fafnir::graphql
