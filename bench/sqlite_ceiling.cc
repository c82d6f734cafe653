#include "bench/sqlite_ceiling.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "core/common/id_generator.h"
#include "storage/order/sqlite_order_store.h"
#include "storage/portfolio/sqlite_portfolio_store.h"
#include "storage/sqlite/wal_checkpointer.h"
#include "transports/in_process/in_process_stream.h"

namespace fafnir {
namespace {

// A bare connection to a file already migrated to fafnir's schema, with fafnir's pragmas and
// background checkpoints (SQLite's own checkpoints if the second connection cannot be opened).
class RawDatabase {
 public:
  explicit RawDatabase(const std::filesystem::path& path) {
    sqlite3_open(path.c_str(), &db_);
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    auto checkpointer = WalCheckpointer::attach(db_, path, SqliteOptions{}.checkpoints);
    if (checkpointer.ok()) checkpointer_ = std::move(*checkpointer);
  }
  ~RawDatabase() {
    checkpointer_.reset();
    for (sqlite3_stmt* statement : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }
  bool exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr);
    statements_.push_back(statement);
    return statement;
  }

 private:
  sqlite3* db_ = nullptr;
  std::unique_ptr<WalCheckpointer> checkpointer_;
  std::vector<sqlite3_stmt*> statements_;
};

// Binds the values positionally (text, then integers) and steps once.
void run(sqlite3_stmt* statement, std::initializer_list<const std::string*> texts,
         std::initializer_list<sqlite3_int64> numbers = {}) {
  int index = 1;
  for (const std::string* text : texts) {
    sqlite3_bind_text(statement, index++, text->data(), static_cast<int>(text->size()),
                      SQLITE_STATIC);
  }
  for (sqlite3_int64 number : numbers) sqlite3_bind_int64(statement, index++, number);
  sqlite3_step(statement);
  sqlite3_reset(statement);
}

Status create_files(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (auto [file, schema] : {std::pair{"order.db", &SqliteOrderStore::schema()},
                              std::pair{"portfolio.db", &SqlitePortfolioStore::schema()},
                              std::pair{"stream.db", &InProcessStream::schema()}}) {
    FAFNIR_RETURN_IF_ERROR(SqliteDatabase::open(dir / file, *schema).status());
  }
  return Status::Ok();
}

struct OrderIds {
  std::string order, created, filled, fill, entry;
};

}  // namespace

Result<double> measure_sqlite_ceiling(std::size_t orders, std::size_t orders_per_commit,
                                      ReservationCommit reservations,
                                      const std::filesystem::path& dir) {
  if (orders_per_commit == 0) return Status::InvalidArgument("orders per commit must be positive");
  FAFNIR_RETURN_IF_ERROR(create_files(dir));
  RawDatabase order_db(dir / "order.db");
  RawDatabase portfolio_db(dir / "portfolio.db");
  RawDatabase stream_db(dir / "stream.db");
  const std::string account = "a0000000-0000-4000-8000-000000000000";
  const std::string user = "u0000000-0000-4000-8000-000000000000";
  bool seeded =
      portfolio_db.exec(("INSERT INTO accounts VALUES ('" + account + "', '" + user +
                         "', 'FAF-0000-0000', 'INVESTMENT', 'USD', 1000000000000000, 0, 0, 0, 0)")
                            .c_str()) &&
      stream_db.exec("INSERT INTO consumer_groups(name) VALUES ('security'), ('user'),"
                     " ('portfolio'), ('order')");
  if (!seeded) return Status::Internal("cannot seed the ceiling benchmark's files");

  sqlite3_stmt* reserve_cash = portfolio_db.prepare(
      "UPDATE accounts SET balance = ?2, reserved = ?3, realized_pnl = 0, updated_at = ?4"
      " WHERE id = ?1");
  sqlite3_stmt* reserve = portfolio_db.prepare(
      "INSERT OR REPLACE INTO reservations VALUES (?1, ?2, 'AAPL', ?3, 0)");
  sqlite3_stmt* insert_order = order_db.prepare(
      "INSERT INTO orders(id, user_id, account_id, symbol, side, type, time_in_force, status,"
      " quantity, limit_price, stop_price, stop_triggered, filled_quantity, average_fill_price,"
      " currency, account_currency, reserved_cash, reason, created_at, updated_at) VALUES"
      " (?1, ?2, ?3, 'AAPL', 'BUY', 'MARKET', 'GTC', 'FILLED', 1000000, NULL, NULL, 0, 1000000,"
      " 100000000, 'USD', 'USD', 0, '', ?4, ?4)");
  sqlite3_stmt* insert_outbox = order_db.prepare(
      "INSERT INTO outbox(event_id, subject, payload, occurred_at) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt* delete_outbox = order_db.prepare("DELETE FROM outbox WHERE position = ?1");
  sqlite3_stmt* publish = stream_db.prepare(
      "INSERT OR IGNORE INTO messages(event_id, subject, payload, occurred_at)"
      " VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt* advance =
      stream_db.prepare("UPDATE consumer_groups SET cursor = MAX(cursor, ?2) WHERE name = ?1");
  sqlite3_stmt* settled = portfolio_db.prepare("INSERT OR IGNORE INTO settled_fills VALUES (?1)");
  sqlite3_stmt* ledger = portfolio_db.prepare(
      "INSERT INTO ledger VALUES (?1, ?2, 'BUY', -100000000, ?3, ?4, ?5)");
  sqlite3_stmt* holding = portfolio_db.prepare(
      "INSERT OR REPLACE INTO holdings VALUES (?1, ?2, 'AAPL', ?3, 0, 100000000, 0, 0)");
  sqlite3_stmt* unreserve = portfolio_db.prepare("DELETE FROM reservations WHERE order_id = ?1");

  RandomIdGenerator ids;
  const std::string payload(560, 'e');  // about the size of an orders.* event
  const std::string description = "Buy 1 AAPL @ 100.00 USD";
  const std::string created_subject = "orders.created", filled_subject = "orders.filled";
  const std::string holding_id = ids.next();
  std::vector<OrderIds> batch_ids(kOrdersPerSettlement);
  sqlite3_int64 balance = 1'000'000'000'000'000, outbox_position = 0, sequence = 0;

  auto reserve_order = [&](const OrderIds& id, std::size_t position) {
    run(reserve_cash, {&account}, {balance, 100'000'000, static_cast<sqlite3_int64>(position)});
    run(reserve, {&id.order, &account}, {100'000'000});
  };

  auto start = std::chrono::steady_clock::now();
  for (std::size_t first = 0; first < orders; first += kOrdersPerSettlement) {
    std::size_t count = std::min(kOrdersPerSettlement, orders - first);
    for (std::size_t group = 0; group < count; group += orders_per_commit) {
      std::size_t end = std::min(count, group + orders_per_commit);
      for (std::size_t i = group; i < end; ++i) {
        batch_ids[i] = {ids.next(), ids.next(), ids.next(), ids.next(), ids.next()};
      }
      if (reservations == ReservationCommit::kBeforeOrder) {
        portfolio_db.exec("BEGIN IMMEDIATE");
        for (std::size_t i = group; i < end; ++i) reserve_order(batch_ids[i], first + i);
        portfolio_db.exec("COMMIT");
      }
      order_db.exec("BEGIN IMMEDIATE");
      for (std::size_t i = group; i < end; ++i) {
        const OrderIds& id = batch_ids[i];
        sqlite3_int64 now = static_cast<sqlite3_int64>(first + i);
        run(insert_order, {&id.order, &user, &account}, {now});
        run(insert_outbox, {&id.created, &created_subject, &payload}, {now});
        run(insert_outbox, {&id.filled, &filled_subject, &payload}, {now});
      }
      order_db.exec("COMMIT");
    }
    stream_db.exec("BEGIN IMMEDIATE");
    for (std::size_t i = 0; i < count; ++i) {
      run(publish, {&batch_ids[i].created, &created_subject, &payload}, {0});
      run(publish, {&batch_ids[i].filled, &filled_subject, &payload}, {0});
    }
    stream_db.exec("COMMIT");
    order_db.exec("BEGIN IMMEDIATE");
    for (std::size_t i = 0; i < 2 * count; ++i) run(delete_outbox, {}, {++outbox_position});
    order_db.exec("COMMIT");
    portfolio_db.exec("BEGIN IMMEDIATE");
    for (std::size_t i = 0; i < count; ++i) {
      const OrderIds& id = batch_ids[i];
      if (reservations == ReservationCommit::kWithSettlement) reserve_order(id, first + i);
      balance -= 100'000'000;
      run(settled, {&id.fill});
      run(reserve_cash, {&account}, {balance, 0, 0});
      run(ledger, {&id.entry, &account, &description, &id.order}, {0});
      run(holding, {&holding_id, &account}, {static_cast<sqlite3_int64>(first + i + 1) * 1'000'000});
      run(unreserve, {&id.order});
    }
    portfolio_db.exec("COMMIT");
    sequence += static_cast<sqlite3_int64>(2 * count);
    stream_db.exec("BEGIN IMMEDIATE");
    for (const std::string group : {"security", "user", "portfolio", "order"}) {
      run(advance, {&group}, {sequence});
    }
    stream_db.exec("COMMIT");
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return static_cast<double>(orders) / elapsed.count();
}

}  // namespace fafnir
