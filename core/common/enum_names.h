#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "core/common/status.h"
#include "core/common/text.h"

namespace fafnir {

// The wire names of an enum's values, e.g. {{OrderSide::kBuy, "BUY"}, ...}.
template <typename Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// REQUIRES: `value` is in `names`.
template <typename Enum, std::size_t N>
constexpr std::string_view enum_name(const EnumNames<Enum, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return names[0].second;
}

// The value named `text` in any letter case; InvalidArgument naming `what` and the valid names.
template <typename Enum, std::size_t N>
Result<Enum> parse_enum(const EnumNames<Enum, N>& names, std::string_view what,
                        std::string_view text) {
  std::string wanted = to_upper(text);
  std::string valid;
  for (const auto& [value, name] : names) {
    if (name == wanted) return value;
    valid += valid.empty() ? std::string(name) : ", " + std::string(name);
  }
  return Status::InvalidArgument("unknown " + std::string(what) + " '" + std::string(text) +
                                 "' (use " + valid + ")");
}

}  // namespace fafnir
