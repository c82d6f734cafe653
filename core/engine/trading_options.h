#pragma once

#include <map>
#include <string>

#include "core/common/fixed_point.h"

namespace fafnir {

struct TradingOptions {
  Money commission_per_fill;  // charged in the account's currency on every fill; default 0
  int slippage_bps = 0;       // market-style fills move this many basis points against the trader
  // Shares of a symbol that can fill at each quote (see Liquidity); symbols not listed are
  // unlimited, so orders fill whole.
  std::map<std::string, Quantity, std::less<>> shares_per_quote;
};

}  // namespace fafnir
