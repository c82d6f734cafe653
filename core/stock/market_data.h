#pragma once

#include <string_view>

#include "core/common/currency.h"
#include "core/common/fixed_point.h"
#include "core/common/status.h"
#include "core/stock/instrument.h"
#include "core/stock/market_state.h"

namespace fafnir {

// The market as the order, engine and portfolio services see it, at the clock's current time.
// Implementations are thread-safe.
class MarketData {
 public:
  virtual ~MarketData() = default;

  // NotFound for an unknown symbol. Symbols match in any letter case. The instrument belongs to
  // the market and lives as long as it.
  virtual Result<const Instrument*> instrument(std::string_view symbol) = 0;

  // The current traded price, a multiple of the instrument's tick. NotFound for an unknown symbol.
  virtual Result<Price> last_price(std::string_view symbol) = 0;

  // Units of `to` for one unit of `from` (1 for the same currency), with 6 decimals.
  virtual Result<Price> fx_rate(Currency from, Currency to) = 0;

  virtual MarketState market_state() = 0;
};

// Told about the market's movement; the trade engine implements it.
class MarketListener {
 public:
  virtual ~MarketListener() = default;

  // Simulated time moved to the clock's now, to a new price step or the open; any price may
  // have changed.
  virtual Status on_market_moved() = 0;

  // The trading session closed at the clock's now: DAY orders expire.
  virtual Status on_session_closed() = 0;
};

}  // namespace fafnir
