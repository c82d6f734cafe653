#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/currency.h"
#include "core/common/fixed_point.h"

namespace fafnir {

// One position valued at the current price, in the account's currency.
struct PositionPerformance {
  std::string symbol;
  Quantity quantity;
  Price average_cost;
  Price price;  // current, converted to the account's currency
  Money market_value;
  Money unrealized_pnl;
};

// An account named by its owner, as the portfolio's reads take it.
struct OwnedAccountRef {
  std::string_view user_id;
  std::string_view account_id;
};

struct AccountPerformance {
  std::string account_id;
  Currency currency = Currency::kUsd;
  Money cash;      // the balance
  Money reserved;  // held for open buy orders
  Money market_value;
  Money equity;  // cash + market value
  Money unrealized_pnl;
  Money realized_pnl;
  std::vector<PositionPerformance> positions;
};

}  // namespace fafnir
