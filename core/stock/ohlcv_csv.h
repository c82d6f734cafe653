#pragma once

#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/stock/market_repository.h"

namespace fafnir {

// Parses daily bars from CSV text: a header line "date,open,high,low,close,volume" (any letter
// case), then one bar per line. Dates are YYYY-MM-DD weekdays, each at most once; prices are
// positive decimals with at most 6 decimal places and high >= max(open, close), low <=
// min(open, close); volume is a non-negative whole number. Fields may be padded with spaces; lines
// may end in CRLF; trailing empty lines are ignored. Returns the bars ordered by date, or
// InvalidArgument naming the first bad line and column.
Result<std::vector<ImportedBar>> parse_ohlcv_csv(std::string_view text);

}  // namespace fafnir
