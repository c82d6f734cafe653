#pragma once

#include <string>
#include <string_view>

namespace fafnir {

// ASCII case conversion; other bytes are kept as they are.
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);

// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

}  // namespace fafnir
