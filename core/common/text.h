#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fafnir {

// ASCII case conversion; other bytes are kept as they are.
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);

// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

// The length (2 to 4) of the well-formed UTF-8 sequence that starts at `text[i]`, or 0 when there
// is none there: an ASCII or invalid lead byte, a bad continuation byte, an overlong form, a
// surrogate, a code point beyond U+10FFFF, or a sequence cut short by the end of `text`.
// REQUIRES: i < text.size().
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

}  // namespace fafnir
