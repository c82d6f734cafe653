#include "core/common/json_writer.h"

#include <charconv>
#include <cmath>

#include "core/common/text.h"

namespace fafnir {
namespace {

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void append_json_string(std::string_view text, std::string* out) {
  out->push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes copied verbatim
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length > 0) {
        i += length;
        continue;
      }
    }
    out->append(text.data() + run, i - run);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
        } else {
          out->append("\xEF\xBF\xBD");  // U+FFFD for a byte of an invalid sequence
        }
    }
    run = ++i;
  }
  out->append(text.data() + run, text.size() - run);
  out->push_back('"');
}

void append_json_int(std::int64_t value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out->append(buffer, result.ptr);
}

void append_json_uint(std::uint64_t value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out->append(buffer, result.ptr);
}

void append_json_double(double value, std::string* out) {
  // The shortest round-trip digits, laid out as JavaScript's Number#toString does: plain
  // notation for 1e-7 <= |value| < 1e21, exponent notation otherwise.
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string_view text(buffer, result.ptr - buffer);
  // Below 1e15 a plain result holds exactly the shortest digits, as JavaScript writes them.
  if (std::fabs(value) < 1e15 && text.find('e') == std::string_view::npos) {
    out->append(text);
    return;
  }
  result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  text = std::string_view(buffer, result.ptr - buffer);
  if (!text.empty() && text.front() == '-') {
    out->push_back('-');
    text.remove_prefix(1);
  }
  const std::size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = 0;
  std::from_chars(text.data() + e + 1 + (text[e + 1] == '+'), text.data() + text.size(), exponent);
  if (digits == "0") {
    out->push_back('0');
    return;
  }
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // position of the decimal point
  if (k <= n && n <= 21) {
    out->append(digits).append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out->append(digits, 0, n).append(".").append(digits, n);
  } else if (-6 < n && n <= 0) {
    out->append("0.").append(static_cast<std::size_t>(-n), '0').append(digits);
  } else {
    out->push_back(digits[0]);
    if (k > 1) out->append(".").append(digits, 1);
    out->append(n - 1 < 0 ? "e-" : "e+");
    append_json_int(n - 1 < 0 ? 1 - n : n - 1, out);
  }
}

void append_json(const nlohmann::json& value, std::string* out) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      out->append("null");
      return;
    case nlohmann::json::value_t::boolean:
      out->append(value.get<bool>() ? "true" : "false");
      return;
    case nlohmann::json::value_t::number_integer:
      append_json_int(value.get<std::int64_t>(), out);
      return;
    case nlohmann::json::value_t::number_unsigned:
      append_json_uint(value.get<std::uint64_t>(), out);
      return;
    case nlohmann::json::value_t::number_float: {
      const double number = value.get<double>();
      if (std::isfinite(number)) {
        append_json_double(number, out);
      } else {
        out->append("null");
      }
      return;
    }
    case nlohmann::json::value_t::string:
      append_json_string(value.get_ref<const std::string&>(), out);
      return;
    case nlohmann::json::value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const nlohmann::json& item : value) {
        if (!first) out->push_back(',');
        first = false;
        append_json(item, out);
      }
      out->push_back(']');
      return;
    }
    case nlohmann::json::value_t::object: {
      out->push_back('{');
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out->push_back(',');
        first = false;
        append_json_string(key, out);
        out->push_back(':');
        append_json(item, out);
      }
      out->push_back('}');
      return;
    }
    case nlohmann::json::value_t::binary:
      out->append("null");
      return;
  }
}

}  // namespace fafnir
