#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/stock/market_repository.h"

namespace fafnir {

// MarketRepository in memory, with the constraints of stock.db: an override's price must be
// positive (AlreadyExists naming the CHECK otherwise). Thread-safe: one mutex guards everything.
class MemoryMarketRepository final : public MarketRepository {
 public:
  Result<std::optional<Timestamp>> load_now() override;
  Status save_now(Timestamp now) override;
  Status add_override(const PriceOverride& override_entry) override;
  Result<std::vector<PriceOverride>> overrides() override;
  Status put_bars(std::string_view symbol, const std::vector<ImportedBar>& bars) override;
  Result<std::map<std::string, std::vector<ImportedBar>>> imported_bars() override;

 private:
  std::mutex mutex_;
  std::optional<Timestamp> now_;
  std::vector<PriceOverride> overrides_;  // by time, then insertion
  // Bars by symbol, then date.
  std::map<std::string, std::map<std::string, ImportedBar>, std::less<>> bars_;
};

}  // namespace fafnir
