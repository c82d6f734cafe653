#include "transports/cluster/postgres_market_repository.h"

#include <string>

namespace fafnir {
namespace {

// Dates sort bytewise ("C"), as SQLite's TEXT does, whatever the database's locale.
constexpr std::string_view kInitialSchema =
    "CREATE TABLE market_clock ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " now BIGINT NOT NULL);"
    "CREATE TABLE price_overrides ("
    " seq BIGSERIAL PRIMARY KEY,"
    " symbol TEXT NOT NULL,"
    " at BIGINT NOT NULL,"
    " price BIGINT NOT NULL CHECK (price > 0));"
    "CREATE INDEX price_overrides_by_time ON price_overrides(at, seq);"
    "CREATE TABLE imported_bars ("
    " symbol TEXT COLLATE \"C\" NOT NULL,"
    " date TEXT COLLATE \"C\" NOT NULL,"
    " open BIGINT NOT NULL,"
    " high BIGINT NOT NULL,"
    " low BIGINT NOT NULL,"
    " close BIGINT NOT NULL,"
    " volume BIGINT NOT NULL,"
    " PRIMARY KEY (symbol, date));";

const Schema kStockSchema{"stock",
                          {{1, "simulated clock, price overrides, imported bars", kInitialSchema}}};

Result<Price> price_at(const PostgresResult& rows, int row, int column) {
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t micros, rows.int64(row, column));
  return Price::from_micros(micros);
}

}  // namespace

const Schema& PostgresMarketRepository::schema() { return kStockSchema; }

Result<std::optional<Timestamp>> PostgresMarketRepository::load_now() {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(PostgresResult rows,
                          connection_->query("SELECT now FROM market_clock WHERE id = 1"));
  if (rows.rows() == 0) return std::optional<Timestamp>();
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t now, rows.int64(0, 0));
  return std::optional<Timestamp>(Timestamp{now});
}

Status PostgresMarketRepository::save_now(Timestamp now) {
  std::lock_guard lock(mutex_);
  return connection_
      ->query(
          "INSERT INTO market_clock(id, now) VALUES (1, $1)"
          " ON CONFLICT (id) DO UPDATE SET now = EXCLUDED.now",
          {std::to_string(now.micros)})
      .status();
}

Status PostgresMarketRepository::add_override(const PriceOverride& override_entry) {
  std::lock_guard lock(mutex_);
  return connection_
      ->query("INSERT INTO price_overrides(symbol, at, price) VALUES ($1, $2, $3)",
              {override_entry.symbol, std::to_string(override_entry.at.micros),
               std::to_string(override_entry.price.micros())})
      .status();
}

Result<std::vector<PriceOverride>> PostgresMarketRepository::overrides() {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      connection_->query("SELECT symbol, at, price FROM price_overrides ORDER BY at, seq"));
  std::vector<PriceOverride> found;
  found.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t at, rows.int64(row, 1));
    FAFNIR_ASSIGN_OR_RETURN(Price price, price_at(rows, row, 2));
    found.push_back({rows.text(row, 0), Timestamp{at}, price});
  }
  return found;
}

Status PostgresMarketRepository::put_bars(std::string_view symbol,
                                          const std::vector<ImportedBar>& bars) {
  std::lock_guard lock(mutex_);
  return connection_->transaction([&](PostgresConnection& db) -> Status {
    for (const ImportedBar& bar : bars) {
      FAFNIR_RETURN_IF_ERROR(
          db.query("INSERT INTO imported_bars(symbol, date, open, high, low, close, volume)"
                   " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (symbol, date) DO UPDATE"
                   " SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low,"
                   " close = EXCLUDED.close, volume = EXCLUDED.volume",
                   {postgres_text(symbol), bar.date, std::to_string(bar.open.micros()),
                    std::to_string(bar.high.micros()), std::to_string(bar.low.micros()),
                    std::to_string(bar.close.micros()), std::to_string(bar.volume)})
              .status());
    }
    return Status::Ok();
  });
}

Result<std::map<std::string, std::vector<ImportedBar>>> PostgresMarketRepository::imported_bars() {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      connection_->query("SELECT symbol, date, open, high, low, close, volume FROM imported_bars"
                         " ORDER BY symbol, date"));
  std::map<std::string, std::vector<ImportedBar>> found;
  for (int row = 0; row < rows.rows(); ++row) {
    FAFNIR_ASSIGN_OR_RETURN(Price open, price_at(rows, row, 2));
    FAFNIR_ASSIGN_OR_RETURN(Price high, price_at(rows, row, 3));
    FAFNIR_ASSIGN_OR_RETURN(Price low, price_at(rows, row, 4));
    FAFNIR_ASSIGN_OR_RETURN(Price close, price_at(rows, row, 5));
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t volume, rows.int64(row, 6));
    found[rows.text(row, 0)].push_back({rows.text(row, 1), open, high, low, close, volume});
  }
  return found;
}

}  // namespace fafnir
