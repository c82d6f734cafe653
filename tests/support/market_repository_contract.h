#pragma once

#include "core/stock/market_repository.h"

namespace fafnir {

// The behaviour every MarketRepository shares, as one story of Catch2 checks: the saved simulated
// now, overrides by time then insertion (positive prices only: AlreadyExists otherwise), imported
// bars by symbol and date, replaced by date. REQUIRES: `repository` is empty.
void check_market_repository_contract(MarketRepository& repository);

}  // namespace fafnir
