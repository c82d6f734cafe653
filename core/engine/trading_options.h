#pragma once

#include "core/common/fixed_point.h"

namespace fafnir {

struct TradingOptions {
  Money commission_per_fill;  // charged in the account's currency on every fill; default 0
  int slippage_bps = 0;       // market-style fills move this many basis points against the trader
};

}  // namespace fafnir
