#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/fixed_point.h"
#include "core/common/status.h"
#include "core/common/timestamp.h"

namespace fafnir {

// An operator's "market set SYMBOL PRICE": from `at` on, the symbol trades around `price`.
struct PriceOverride {
  std::string symbol;
  Timestamp at;
  Price price;
};

// One imported daily OHLCV bar of a replayed symbol.
struct ImportedBar {
  std::string date;  // YYYY-MM-DD, a weekday
  Price open, high, low, close;
  std::int64_t volume = 0;
};

// What the stock service keeps across restarts (stock.db). Thread-safe. Every method either
// fully applies or changes nothing; storage failures are Internal.
class MarketRepository {
 public:
  virtual ~MarketRepository() = default;

  // The persisted simulated now; none on a new store.
  virtual Result<std::optional<Timestamp>> load_now() = 0;
  virtual Status save_now(Timestamp now) = 0;

  // Appends an override. Overrides of one symbol at the same time keep their insertion order.
  virtual Status add_override(const PriceOverride& override_entry) = 0;
  // Every override, ordered by time, then insertion.
  virtual Result<std::vector<PriceOverride>> overrides() = 0;

  // Stores `bars` for `symbol`, replacing bars already stored for the same dates.
  virtual Status put_bars(std::string_view symbol, const std::vector<ImportedBar>& bars) = 0;
  // Every imported bar, by symbol, each symbol's bars ordered by date.
  virtual Result<std::map<std::string, std::vector<ImportedBar>>> imported_bars() = 0;
};

}  // namespace fafnir
