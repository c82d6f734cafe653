#pragma once

#include <string_view>

#include "core/common/status.h"

namespace fafnir {

enum class Currency { kUsd, kCad };

// "USD" or "CAD".
std::string_view currency_code(Currency currency);

// Accepts "USD"/"CAD" in any letter case; InvalidArgument otherwise.
Result<Currency> parse_currency(std::string_view text);

}  // namespace fafnir
