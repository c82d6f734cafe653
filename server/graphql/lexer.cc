#include "server/graphql/lexer.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace fafnir::graphql {
namespace {

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_continue(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string Lexer::describe_char(std::string_view source, std::size_t pos) {
  if (pos >= source.size()) return "<EOF>";
  const unsigned char c = static_cast<unsigned char>(source[pos]);
  if (c >= 0x20 && c < 0x7F) {
    if (c == '"') return "'\"'";
    return std::string("\"") + static_cast<char>(c) + "\"";
  }
  std::uint32_t code = c;
  if (c >= 0xC0) {  // best effort decoding for the message
    const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    code = c & (0x3F >> (length - 1));
    for (int k = 1; k < length && pos + k < source.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(source[pos + k]) & 0x3F);
    }
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code));
  return buffer;
}

std::string describe_token(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEof:
      return "<EOF>";
    case TokenKind::kName:
      return "Name \"" + std::string(token.text) + "\"";
    case TokenKind::kInt:
      return "Int \"" + std::string(token.text) + "\"";
    case TokenKind::kFloat:
      return "Float \"" + std::string(token.text) + "\"";
    case TokenKind::kString:
      return "String \"" + token.value + "\"";
    case TokenKind::kBlockString:
      return "BlockString \"" + token.value + "\"";
    default:
      return std::string("\"").append(token.text).append("\"");
  }
}

Token Lexer::make(TokenKind kind, std::size_t start, std::size_t end,
                  SourceLocation location) const {
  Token token;
  token.kind = kind;
  token.text = source_.substr(start, end - start);
  token.location = location;
  return token;
}

Token Lexer::error(std::string message, SourceLocation location) {
  done_ = true;
  last_ = Token{};
  last_.kind = TokenKind::kError;
  last_.value = "Syntax Error: " + std::move(message);
  last_.location = location;
  return last_;
}

SourceLocation Lexer::location_at(std::size_t offset) const {
  return {line_, static_cast<std::uint32_t>(offset - line_start_ - line_continuation_ + 1)};
}

void Lexer::new_line(std::size_t next_line_start) {
  ++line_;
  line_start_ = next_line_start;
  line_continuation_ = 0;
}

void Lexer::skip_ignored() {
  while (pos_ < source_.size()) {
    const char c = source_[pos_];
    if (c == ' ' || c == '\t' || c == ',') {
      ++pos_;
    } else if (c == '\n') {
      new_line(++pos_);
    } else if (c == '\r') {
      ++pos_;
      if (pos_ < source_.size() && source_[pos_] == '\n') ++pos_;
      new_line(pos_);
    } else if (c == '#') {
      while (pos_ < source_.size() && source_[pos_] != '\n' && source_[pos_] != '\r') {
        if (is_continuation(static_cast<unsigned char>(source_[pos_]))) ++line_continuation_;
        ++pos_;
      }
    } else if (source_.substr(pos_, 3) == "\xEF\xBB\xBF") {  // byte order mark
      pos_ += 3;
      line_continuation_ += 2;
    } else {
      return;
    }
  }
}

Token Lexer::next() {
  if (done_) return last_;
  skip_ignored();
  const std::size_t start = pos_;
  const SourceLocation location = location_at(start);
  if (pos_ >= source_.size()) {
    done_ = true;
    last_ = make(TokenKind::kEof, start, start, location);
    return last_;
  }
  const char c = source_[pos_];
  auto punctuator = [&](TokenKind kind) {
    ++pos_;
    return make(kind, start, pos_, location);
  };
  switch (c) {
    case '!':
      return punctuator(TokenKind::kBang);
    case '$':
      return punctuator(TokenKind::kDollar);
    case '&':
      return punctuator(TokenKind::kAmp);
    case '(':
      return punctuator(TokenKind::kParenL);
    case ')':
      return punctuator(TokenKind::kParenR);
    case ':':
      return punctuator(TokenKind::kColon);
    case '=':
      return punctuator(TokenKind::kEquals);
    case '@':
      return punctuator(TokenKind::kAt);
    case '[':
      return punctuator(TokenKind::kBracketL);
    case ']':
      return punctuator(TokenKind::kBracketR);
    case '{':
      return punctuator(TokenKind::kBraceL);
    case '|':
      return punctuator(TokenKind::kPipe);
    case '}':
      return punctuator(TokenKind::kBraceR);
    case '.':
      if (source_.substr(pos_, 3) == "...") {
        pos_ += 3;
        return make(TokenKind::kSpread, start, pos_, location);
      }
      return error("Unexpected character: \".\".", location);
    case '"':
      if (source_.substr(pos_, 3) == "\"\"\"") return read_block_string(start, location);
      return read_string(start, location);
    default:
      break;
  }
  if (is_name_start(c)) {
    while (pos_ < source_.size() && is_name_continue(source_[pos_])) ++pos_;
    return make(TokenKind::kName, start, pos_, location);
  }
  if (c == '-' || is_digit(c)) return read_number(start, location);
  if (c == '\'')
    return error(
        "Unexpected single quote character ('), did you mean to use a "
        "double quote (\")?",
        location);
  return error("Unexpected character: " + describe_char(source_, pos_) + ".", location);
}

Token Lexer::read_number(std::size_t start, SourceLocation location) {
  auto expect_digits = [&]() -> bool {
    if (pos_ >= source_.size() || !is_digit(source_[pos_])) return false;
    while (pos_ < source_.size() && is_digit(source_[pos_])) ++pos_;
    return true;
  };
  auto bad_digit = [&]() {
    return error("Invalid number, expected digit but got: " + describe_char(source_, pos_) + ".",
                 location_at(pos_));
  };
  bool is_float = false;
  if (source_[pos_] == '-') ++pos_;
  if (pos_ < source_.size() && source_[pos_] == '0') {
    ++pos_;
    if (pos_ < source_.size() && is_digit(source_[pos_])) {
      return error(
          "Invalid number, unexpected digit after 0: " + describe_char(source_, pos_) + ".",
          location_at(pos_));
    }
  } else if (!expect_digits()) {
    return bad_digit();
  }
  if (pos_ < source_.size() && source_[pos_] == '.') {
    is_float = true;
    ++pos_;
    if (!expect_digits()) return bad_digit();
  }
  if (pos_ < source_.size() && (source_[pos_] == 'e' || source_[pos_] == 'E')) {
    is_float = true;
    ++pos_;
    if (pos_ < source_.size() && (source_[pos_] == '+' || source_[pos_] == '-')) ++pos_;
    if (!expect_digits()) return bad_digit();
  }
  if (pos_ < source_.size() && (source_[pos_] == '.' || is_name_start(source_[pos_]))) {
    return bad_digit();
  }
  return make(is_float ? TokenKind::kFloat : TokenKind::kInt, start, pos_, location);
}

}  // namespace fafnir::graphql
