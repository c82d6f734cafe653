#include "storage/memory/memory_market_repository.h"

#include <algorithm>

#include "storage/memory/constraint_violation.h"

namespace fafnir {

Result<std::optional<Timestamp>> MemoryMarketRepository::load_now() {
  std::lock_guard lock(mutex_);
  return now_;
}

Status MemoryMarketRepository::save_now(Timestamp now) {
  std::lock_guard lock(mutex_);
  now_ = now;
  return Status::Ok();
}

Status MemoryMarketRepository::add_override(const PriceOverride& override_entry) {
  if (!override_entry.price.is_positive()) {
    return constraint_violation("CHECK constraint failed: price > 0");
  }
  std::lock_guard lock(mutex_);
  auto after_same_time = std::upper_bound(
      overrides_.begin(), overrides_.end(), override_entry.at,
      [](Timestamp at, const PriceOverride& existing) { return at < existing.at; });
  overrides_.insert(after_same_time, override_entry);
  return Status::Ok();
}

Result<std::vector<PriceOverride>> MemoryMarketRepository::overrides() {
  std::lock_guard lock(mutex_);
  return overrides_;
}

Status MemoryMarketRepository::put_bars(std::string_view symbol,
                                        const std::vector<ImportedBar>& bars) {
  if (bars.empty()) return Status::Ok();
  std::lock_guard lock(mutex_);
  auto& by_date = bars_[std::string(symbol)];
  for (const ImportedBar& bar : bars) by_date.insert_or_assign(bar.date, bar);
  return Status::Ok();
}

Result<std::map<std::string, std::vector<ImportedBar>>> MemoryMarketRepository::imported_bars() {
  std::lock_guard lock(mutex_);
  std::map<std::string, std::vector<ImportedBar>> found;
  for (const auto& [symbol, by_date] : bars_) {
    std::vector<ImportedBar>& bars = found[symbol];
    for (const auto& [date, bar] : by_date) bars.push_back(bar);
  }
  return found;
}

}  // namespace fafnir
