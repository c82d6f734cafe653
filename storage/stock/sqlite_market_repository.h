#pragma once

#include <memory>

#include "core/stock/market_repository.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// MarketRepository over stock.db. Thread-safe.
class SqliteMarketRepository final : public MarketRepository {
 public:
  // The migrations of the service's database file.
  static const Schema& schema();

  explicit SqliteMarketRepository(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  Result<std::optional<Timestamp>> load_now() override;
  Status save_now(Timestamp now) override;

  Status add_override(const PriceOverride& override_entry) override;
  Result<std::vector<PriceOverride>> overrides() override;

  Status put_bars(std::string_view symbol, const std::vector<ImportedBar>& bars) override;
  Result<std::map<std::string, std::vector<ImportedBar>>> imported_bars() override;

 private:
  std::shared_ptr<SqliteDatabase> db_;
};

}  // namespace fafnir
