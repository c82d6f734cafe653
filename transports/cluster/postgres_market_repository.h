#pragma once

#include <memory>
#include <mutex>

#include "core/stock/market_repository.h"
#include "storage/sqlite/migration.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// MarketRepository over the `stock` schema of a PostgreSQL database: the same tables and behaviour
// as SqliteMarketRepository (an override whose price is not positive breaks a CHECK constraint:
// AlreadyExists, nothing stored). Thread-safe: calls take turns on one connection.
class PostgresMarketRepository final : public MarketRepository {
 public:
  // The migrations of the stock schema (apply with migrate_postgres_schema).
  static const Schema& schema();

  // REQUIRES: `connection` resolves unqualified names to the migrated stock schema.
  explicit PostgresMarketRepository(std::unique_ptr<PostgresConnection> connection)
      : connection_(std::move(connection)) {}

  Result<std::optional<Timestamp>> load_now() override;
  Status save_now(Timestamp now) override;

  Status add_override(const PriceOverride& override_entry) override;
  Result<std::vector<PriceOverride>> overrides() override;

  Status put_bars(std::string_view symbol, const std::vector<ImportedBar>& bars) override;
  Result<std::map<std::string, std::vector<ImportedBar>>> imported_bars() override;

 private:
  std::mutex mutex_;  // guards connection_
  std::unique_ptr<PostgresConnection> connection_;
};

}  // namespace fafnir
