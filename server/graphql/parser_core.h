#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/graphql/ast.h"
#include "server/graphql/lexer.h"
#include "server/graphql/parser.h"

namespace fafnir::graphql {

// Internal to the parsers: a token cursor with the productions shared by executable and
// type-system documents. Every parse_* returns false after recording the first error; later
// calls keep failing. Not thread-safe.
class ParserCore {
 public:
  ParserCore(std::string_view source, const ParseOptions& options);

  bool failed() const { return failed_; }
  const SyntaxError& error() const { return error_; }

  // Fails unless the source is within options.max_bytes; reads the first token.
  bool start();

  const Token& token() const { return token_; }
  bool at(TokenKind kind) const { return token_.kind == kind; }
  bool at_keyword(std::string_view keyword) const {
    return token_.kind == TokenKind::kName && token_.text == keyword;
  }
  void advance();
  // Advances past a token of `kind` and returns true, or returns false without advancing.
  bool skip(TokenKind kind);
  // Advances past a token of `kind`, or fails "Expected <kind>, found <token>.".
  bool expect(TokenKind kind);
  bool expect_keyword(std::string_view keyword);
  bool parse_name(std::string* name);
  // Fails "Unexpected <token>.".
  bool unexpected();
  bool fail(std::string message, SourceLocation location);

  // Enters one nesting level at `location`; fails past the depth limit. Pair with leave().
  bool enter(SourceLocation location);
  void leave() { --depth_; }

  bool parse_value(bool is_const, ast::Value* value);
  bool parse_type(ast::Type* type);
  // `(name: value, ...)` if present.
  bool parse_arguments(bool is_const, std::vector<ast::Argument>* arguments);
  bool parse_directives(bool is_const, std::vector<ast::Directive>* directives);

 private:
  bool parse_list(bool is_const, ast::Value* value);
  bool parse_object(bool is_const, ast::Value* value);

  std::string_view source_;
  ParseOptions options_;
  Lexer lexer_;
  Token token_;
  int depth_ = 0;
  bool failed_ = false;
  SyntaxError error_;
};

}  // namespace fafnir::graphql
