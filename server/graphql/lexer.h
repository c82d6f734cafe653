#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/graphql/error.h"

namespace fafnir::graphql {

enum class TokenKind : std::uint8_t {
  kEof,
  kError,  // a lexical error; Token::value holds the message
  kBang,
  kDollar,
  kAmp,
  kParenL,
  kParenR,
  kSpread,
  kColon,
  kEquals,
  kAt,
  kBracketL,
  kBracketR,
  kBraceL,
  kPipe,
  kBraceR,
  kName,
  kInt,
  kFloat,
  kString,
  kBlockString,
};

struct Token {
  TokenKind kind = TokenKind::kEof;
  std::string_view text;  // the token's source text (strings with their quotes)
  std::string value;      // kString, kBlockString: the string's value; kError: the message
  SourceLocation location;
};

// "Name \"x\"", "\"{\"", "<EOF>", as in syntax error messages.
std::string describe_token(const Token& token);

// Splits GraphQL source text (UTF-8) into tokens per the October 2021 specification: ignored
// tokens (white space, line terminators, comments, commas, byte order marks) are skipped,
// strings are unescaped and block strings dedented. Borrows `source`, which must outlive the
// lexer and the tokens' `text`. Not thread-safe.
class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}

  // The next token. After kEof or kError, every call returns that token again.
  Token next();

 private:
  // "\"c\"" for printable ASCII, "U+XXXX" otherwise, "<EOF>" past the end.
  static std::string describe_char(std::string_view source, std::size_t pos);
  Token make(TokenKind kind, std::size_t start, std::size_t end, SourceLocation location) const;
  Token error(std::string message, SourceLocation location);
  SourceLocation location_at(std::size_t offset) const;
  void skip_ignored();
  void new_line(std::size_t next_line_start);
  Token read_number(std::size_t start, SourceLocation location);
  Token read_string(std::size_t start, SourceLocation location);
  Token read_block_string(std::size_t start, SourceLocation location);
  // Reads the escape sequence at pos_ (just after the backslash) into `out`; false on error,
  // with *message set.
  bool read_escape(std::string* out, std::string* message);
  // Reads one UTF-8 encoded scalar value at pos_ into `out`; false if the bytes are invalid.
  bool read_utf8(std::string* out);

  std::string_view source_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::size_t line_start_ = 0;         // offset of the current line's first byte
  std::size_t line_continuation_ = 0;  // UTF-8 continuation bytes in the line before pos_
  bool done_ = false;
  Token last_;  // the kEof or kError token once done_
};

// The value of a block string from its raw content between the triple quotes (with \"""
// already replaced): common indentation and leading and trailing blank lines removed.
std::string block_string_value(std::string_view raw);

}  // namespace fafnir::graphql
