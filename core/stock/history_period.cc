#include "core/stock/history_period.h"

#include <string>

#include "core/common/text.h"
#include "core/stock/trading_days.h"

namespace fafnir {

Result<HistoryPeriod> parse_history_period(std::string_view text) {
  std::string period = to_upper(trim(text));
  if (period.empty() || period == "1M") return HistoryPeriod::k1M;
  if (period == "1D") return HistoryPeriod::k1D;
  if (period == "1W") return HistoryPeriod::k1W;
  if (period == "3M") return HistoryPeriod::k3M;
  if (period == "6M") return HistoryPeriod::k6M;
  if (period == "1Y") return HistoryPeriod::k1Y;
  if (period == "2Y") return HistoryPeriod::k2Y;
  if (period == "5Y") return HistoryPeriod::k5Y;
  if (period == "MAX") return HistoryPeriod::kMax;
  return Status::InvalidArgument("unknown period '" + std::string(text) +
                                 "' (use 1D, 1W, 1M, 3M, 6M, 1Y, 2Y, 5Y or MAX)");
}

std::optional<std::int64_t> period_first_day(HistoryPeriod period, std::int64_t last_day) {
  switch (period) {
    case HistoryPeriod::k1D:
      return last_day;
    case HistoryPeriod::k1W:
      return last_day - 6;
    case HistoryPeriod::k1M:
      return months_before(last_day, 1) + 1;
    case HistoryPeriod::k3M:
      return months_before(last_day, 3) + 1;
    case HistoryPeriod::k6M:
      return months_before(last_day, 6) + 1;
    case HistoryPeriod::k1Y:
      return months_before(last_day, 12) + 1;
    case HistoryPeriod::k2Y:
      return months_before(last_day, 24) + 1;
    case HistoryPeriod::k5Y:
      return months_before(last_day, 60) + 1;
    case HistoryPeriod::kMax:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace fafnir
