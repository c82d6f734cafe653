#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

enum class HistoryPeriod { k1D, k1W, k1M, k3M, k6M, k1Y, k2Y, k5Y, kMax };

// "1D", "1W", "1M", "3M", "6M", "1Y", "2Y", "5Y" or "MAX" in any letter case; "1M" when blank.
// InvalidArgument listing the valid periods otherwise.
Result<HistoryPeriod> parse_history_period(std::string_view text);

// The first calendar day (epoch day) a period ending on `last_day` covers: bars dated after
// `last_day` minus the period. None for kMax (all history).
std::optional<std::int64_t> period_first_day(HistoryPeriod period, std::int64_t last_day);

}  // namespace fafnir
