#include "storage/stock/sqlite_market_repository.h"

#include <string>

namespace fafnir {
namespace {

constexpr std::string_view kInitialSchema =
    "CREATE TABLE market_clock ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " now INTEGER NOT NULL);"
    "CREATE TABLE price_overrides ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " symbol TEXT NOT NULL,"
    " at INTEGER NOT NULL,"
    " price INTEGER NOT NULL CHECK (price > 0));"
    "CREATE INDEX price_overrides_by_time ON price_overrides(at, seq);"
    "CREATE TABLE imported_bars ("
    " symbol TEXT NOT NULL,"
    " date TEXT NOT NULL,"
    " open INTEGER NOT NULL,"
    " high INTEGER NOT NULL,"
    " low INTEGER NOT NULL,"
    " close INTEGER NOT NULL,"
    " volume INTEGER NOT NULL,"
    " PRIMARY KEY (symbol, date));";

const Schema kStockSchema{"stock",
                          {{1, "simulated clock, price overrides, imported bars", kInitialSchema}}};

}  // namespace

const Schema& SqliteMarketRepository::schema() { return kStockSchema; }

Result<std::optional<Timestamp>> SqliteMarketRepository::load_now() {
  std::optional<Timestamp> now;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                            db.prepare("SELECT now FROM market_clock WHERE id = 1"));
    return query.for_each_row(
        [&](const SqliteStatement& row) { now = Timestamp{row.column_int64(0)}; });
  });
  if (!status.ok()) return status;
  return now;
}

Status SqliteMarketRepository::save_now(Timestamp now) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement upsert,
                            db.prepare("INSERT INTO market_clock(id, now) VALUES (1, ?)"
                                       " ON CONFLICT(id) DO UPDATE SET now = excluded.now"));
    return upsert.bind(1, now.micros).run();
  });
}

Status SqliteMarketRepository::add_override(const PriceOverride& override_entry) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement insert,
        db.prepare("INSERT INTO price_overrides(symbol, at, price) VALUES (?, ?, ?)"));
    return insert.bind(1, override_entry.symbol)
        .bind(2, override_entry.at.micros)
        .bind(3, override_entry.price.micros())
        .run();
  });
}

Result<std::vector<PriceOverride>> SqliteMarketRepository::overrides() {
  std::vector<PriceOverride> found;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT symbol, at, price FROM price_overrides ORDER BY at, seq"));
    return query.for_each_row([&](const SqliteStatement& row) {
      found.push_back({row.column_text(0), Timestamp{row.column_int64(1)},
                       Price::from_micros(row.column_int64(2))});
    });
  });
  if (!status.ok()) return status;
  return found;
}

Status SqliteMarketRepository::put_bars(std::string_view symbol,
                                        const std::vector<ImportedBar>& bars) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement upsert,
        db.prepare("INSERT OR REPLACE INTO imported_bars(symbol, date, open, high, low, close,"
                   " volume) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const ImportedBar& bar : bars) {
      upsert.reset();
      FAFNIR_RETURN_IF_ERROR(upsert.bind(1, symbol)
                                 .bind(2, bar.date)
                                 .bind(3, bar.open.micros())
                                 .bind(4, bar.high.micros())
                                 .bind(5, bar.low.micros())
                                 .bind(6, bar.close.micros())
                                 .bind(7, bar.volume)
                                 .run());
    }
    return Status::Ok();
  });
}

Result<std::map<std::string, std::vector<ImportedBar>>> SqliteMarketRepository::imported_bars() {
  std::map<std::string, std::vector<ImportedBar>> found;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT symbol, date, open, high, low, close, volume FROM imported_bars"
                   " ORDER BY symbol, date"));
    return query.for_each_row([&](const SqliteStatement& row) {
      found[row.column_text(0)].push_back(
          {row.column_text(1), Price::from_micros(row.column_int64(2)),
           Price::from_micros(row.column_int64(3)), Price::from_micros(row.column_int64(4)),
           Price::from_micros(row.column_int64(5)), row.column_int64(6)});
    });
  });
  if (!status.ok()) return status;
  return found;
}

}  // namespace fafnir
