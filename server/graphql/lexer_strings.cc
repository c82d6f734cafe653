#include <algorithm>
#include <vector>

#include "core/common/text.h"
#include "server/graphql/lexer.h"

// The string productions of the lexer: strings with escapes, block strings, UTF-8 checks.
namespace fafnir::graphql {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

bool Lexer::read_utf8(std::string* out) {
  const std::size_t length = utf8_sequence_length(source_, pos_);
  if (length == 0) return false;
  out->append(source_.data() + pos_, length);
  pos_ += length;
  line_continuation_ += length - 1;
  return true;
}

bool Lexer::read_escape(std::string* out, std::string* message) {
  const std::size_t escape_start = pos_ - 1;
  auto invalid = [&](std::size_t end, const char* what) {
    *message =
        std::string(what) + ": \"" +
        std::string(source_.substr(escape_start, std::min(end, source_.size()) - escape_start)) +
        "\".";
    return false;
  };
  if (pos_ >= source_.size()) return invalid(pos_, "Invalid character escape sequence");
  const char c = source_[pos_++];
  switch (c) {
    case '"':
      out->push_back('"');
      return true;
    case '\\':
      out->push_back('\\');
      return true;
    case '/':
      out->push_back('/');
      return true;
    case 'b':
      out->push_back('\b');
      return true;
    case 'f':
      out->push_back('\f');
      return true;
    case 'n':
      out->push_back('\n');
      return true;
    case 'r':
      out->push_back('\r');
      return true;
    case 't':
      out->push_back('\t');
      return true;
    case 'u':
      break;
    default:
      return invalid(pos_, "Invalid character escape sequence");
  }
  // \u{X...} (variable width) or \uXXXX, possibly a surrogate pair \uD83D\uDE00.
  auto read_fixed = [&](std::size_t at, std::uint32_t* code) {
    if (at + 4 > source_.size()) return false;
    std::uint32_t value = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int digit = hex_value(source_[at + k]);
      if (digit < 0) return false;
      value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    *code = value;
    return true;
  };
  std::uint32_t code = 0;
  if (pos_ < source_.size() && source_[pos_] == '{') {
    std::size_t at = pos_ + 1;
    std::size_t digits = 0;
    while (at < source_.size() && hex_value(source_[at]) >= 0) {
      code = code * 16 + static_cast<std::uint32_t>(hex_value(source_[at]));
      ++at, ++digits;
      if (code > 0x10FFFF) break;
    }
    if (digits == 0 || at >= source_.size() || source_[at] != '}' || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      std::size_t end = at;
      while (end < source_.size() && source_[end] != '}' && source_[end] != '"' &&
             end - escape_start < 16) {
        ++end;
      }
      return invalid(end < source_.size() && source_[end] == '}' ? end + 1 : end,
                     "Invalid Unicode escape sequence");
    }
    pos_ = at + 1;
    append_utf8(code, out);
    return true;
  }
  if (!read_fixed(pos_, &code)) {
    return invalid(pos_ + 4, "Invalid Unicode escape sequence");
  }
  pos_ += 4;
  if (code >= 0xD800 && code <= 0xDBFF) {
    std::uint32_t low = 0;
    if (source_.substr(pos_, 2) == "\\u" && read_fixed(pos_ + 2, &low) && low >= 0xDC00 &&
        low <= 0xDFFF) {
      pos_ += 6;
      append_utf8(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), out);
      return true;
    }
    return invalid(pos_, "Invalid Unicode escape sequence");
  }
  if (code >= 0xDC00 && code <= 0xDFFF) return invalid(pos_, "Invalid Unicode escape sequence");
  append_utf8(code, out);
  return true;
}

Token Lexer::read_string(std::size_t start, SourceLocation location) {
  std::string value;
  ++pos_;  // the opening quote
  while (pos_ < source_.size()) {
    const unsigned char c = static_cast<unsigned char>(source_[pos_]);
    if (c == '"') {
      ++pos_;
      Token token = make(TokenKind::kString, start, pos_, location);
      token.value = std::move(value);
      return token;
    }
    if (c == '\n' || c == '\r') break;
    if (c == '\\') {
      const SourceLocation escape_location = location_at(pos_);
      ++pos_;
      std::string message;
      if (!read_escape(&value, &message)) return error(std::move(message), escape_location);
    } else if (c >= 0x80) {
      const SourceLocation char_location = location_at(pos_);
      if (!read_utf8(&value)) {
        return error("Invalid character within String: " + describe_char(source_, pos_) + ".",
                     char_location);
      }
    } else if (c < 0x20 && c != '\t') {
      return error("Invalid character within String: " + describe_char(source_, pos_) + ".",
                   location_at(pos_));
    } else {
      value.push_back(static_cast<char>(c));
      ++pos_;
    }
  }
  return error("Unterminated string.", location_at(pos_));
}

Token Lexer::read_block_string(std::size_t start, SourceLocation location) {
  std::string raw;
  pos_ += 3;
  while (pos_ < source_.size()) {
    const unsigned char c = static_cast<unsigned char>(source_[pos_]);
    if (c == '"' && source_.substr(pos_, 3) == "\"\"\"") {
      pos_ += 3;
      Token token = make(TokenKind::kBlockString, start, pos_, location);
      token.value = block_string_value(raw);
      return token;
    }
    if (c == '\\' && source_.substr(pos_, 4) == "\\\"\"\"") {
      raw.append("\"\"\"");
      pos_ += 4;
    } else if (c == '\n') {
      raw.push_back('\n');
      new_line(++pos_);
    } else if (c == '\r') {
      raw.push_back('\n');
      ++pos_;
      if (pos_ < source_.size() && source_[pos_] == '\n') ++pos_;
      new_line(pos_);
    } else if (c >= 0x80) {
      const SourceLocation char_location = location_at(pos_);
      if (!read_utf8(&raw)) {
        return error("Invalid character within String: " + describe_char(source_, pos_) + ".",
                     char_location);
      }
    } else if (c < 0x20 && c != '\t') {
      return error("Invalid character within String: " + describe_char(source_, pos_) + ".",
                   location_at(pos_));
    } else {
      raw.push_back(static_cast<char>(c));
      ++pos_;
    }
  }
  return error("Unterminated string.", location_at(pos_));
}

std::string block_string_value(std::string_view raw) {
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = raw.find('\n', begin);
    if (end == std::string_view::npos) {
      lines.push_back(raw.substr(begin));
      break;
    }
    lines.push_back(raw.substr(begin, end - begin));
    begin = end + 1;
  }
  std::size_t common_indent = std::string_view::npos;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t indent = lines[i].find_first_not_of(" \t");
    if (indent == std::string_view::npos) continue;  // blank line
    common_indent = std::min(common_indent, indent);
  }
  if (common_indent != std::string_view::npos) {
    for (std::size_t i = 1; i < lines.size(); ++i) {
      lines[i].remove_prefix(std::min(common_indent, lines[i].size()));
    }
  }
  std::size_t first = 0;
  std::size_t last = lines.size();
  while (first < last && is_blank(lines[first])) ++first;
  while (last > first && is_blank(lines[last - 1])) --last;
  std::string value;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) value.push_back('\n');
    value.append(lines[i]);
  }
  return value;
}

}  // namespace fafnir::graphql
