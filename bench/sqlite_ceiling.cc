#include "bench/sqlite_ceiling.h"

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace fafnir {
namespace {

constexpr std::size_t kBatch = 256;

// A bare connection with fafnir's pragmas.
class RawDatabase {
 public:
  explicit RawDatabase(const std::filesystem::path& path) {
    sqlite3_open(path.c_str(), &db_);
    exec("PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
         " PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=10000;");
  }
  ~RawDatabase() {
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
  std::vector<sqlite3_stmt*> statements_;
};

// Binds text or integers positionally and steps once.
void run(sqlite3_stmt* statement, std::initializer_list<std::string> texts,
         std::initializer_list<sqlite3_int64> numbers) {
  int index = 1;
  for (const std::string& text : texts) {
    sqlite3_bind_text(statement, index++, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
  for (sqlite3_int64 number : numbers) sqlite3_bind_int64(statement, index++, number);
  sqlite3_step(statement);
  sqlite3_reset(statement);
}

std::string id_of(const char* kind, std::size_t n) { return std::string(kind) + std::to_string(n); }

}  // namespace

Result<double> measure_sqlite_ceiling(std::size_t orders, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  RawDatabase order_db(dir / "order.db");
  RawDatabase portfolio_db(dir / "portfolio.db");
  RawDatabase stream_db(dir / "stream.db");
  bool created =
      order_db.exec("CREATE TABLE orders(id TEXT PRIMARY KEY, body TEXT, status TEXT, filled INT);"
                    "CREATE TABLE outbox(position INTEGER PRIMARY KEY AUTOINCREMENT,"
                    " event_id TEXT UNIQUE, payload TEXT);") &&
      portfolio_db.exec(
          "CREATE TABLE accounts(id TEXT PRIMARY KEY, balance INT, reserved INT);"
          "CREATE TABLE reservations(order_id TEXT PRIMARY KEY, cash INT);"
          "CREATE TABLE ledger(id TEXT PRIMARY KEY, account_id TEXT, amount INT, text TEXT);"
          "CREATE TABLE holdings(account_id TEXT, symbol TEXT, quantity INT,"
          " PRIMARY KEY(account_id, symbol));"
          "CREATE TABLE settled_fills(fill_id TEXT PRIMARY KEY);"
          "INSERT INTO accounts VALUES ('a', 1000000000000, 0);") &&
      stream_db.exec("CREATE TABLE messages(sequence INTEGER PRIMARY KEY AUTOINCREMENT,"
                     " event_id TEXT UNIQUE, payload TEXT);"
                     "CREATE TABLE groups(name TEXT PRIMARY KEY, cursor INT);"
                     "INSERT INTO groups VALUES ('security', 0), ('user', 0), ('portfolio', 0),"
                     " ('order', 0);");
  if (!created) return Status::Internal("cannot create the ceiling benchmark's files");

  sqlite3_stmt* insert_order = order_db.prepare("INSERT INTO orders VALUES (?, ?, ?, ?)");
  sqlite3_stmt* insert_outbox = order_db.prepare("INSERT INTO outbox(event_id, payload) VALUES (?, ?)");
  sqlite3_stmt* delete_outbox = order_db.prepare("DELETE FROM outbox WHERE event_id = ?");
  sqlite3_stmt* reserve = portfolio_db.prepare("INSERT OR REPLACE INTO reservations VALUES (?, ?)");
  sqlite3_stmt* update_account =
      portfolio_db.prepare("UPDATE accounts SET balance = balance - ?, reserved = ? WHERE id = 'a'");
  sqlite3_stmt* settled = portfolio_db.prepare("INSERT OR IGNORE INTO settled_fills VALUES (?)");
  sqlite3_stmt* ledger = portfolio_db.prepare("INSERT INTO ledger VALUES (?1, 'a', ?3, ?2)");
  sqlite3_stmt* holding = portfolio_db.prepare(
      "INSERT OR REPLACE INTO holdings VALUES ('a', 'AAPL', ?)");
  sqlite3_stmt* unreserve = portfolio_db.prepare("DELETE FROM reservations WHERE order_id = ?");
  sqlite3_stmt* publish = stream_db.prepare("INSERT OR IGNORE INTO messages(event_id, payload) VALUES (?, ?)");
  sqlite3_stmt* advance = stream_db.prepare("UPDATE groups SET cursor = ?2 WHERE name = ?1");

  const std::string body(420, 'o');     // about the size of a stored order row
  const std::string payload(520, 'e');  // about the size of an orders.* event
  auto start = std::chrono::steady_clock::now();
  for (std::size_t first = 0; first < orders; first += kBatch) {
    std::size_t last = std::min(orders, first + kBatch);
    for (std::size_t n = first; n < last; ++n) {
      std::string order = id_of("o", n);
      portfolio_db.exec("BEGIN IMMEDIATE");
      run(update_account, {}, {0, 100});
      run(reserve, {order}, {100});
      portfolio_db.exec("COMMIT");
      order_db.exec("BEGIN IMMEDIATE");
      run(insert_order, {order, body, "FILLED"}, {1});
      run(insert_outbox, {id_of("created", n), payload}, {});
      run(insert_outbox, {id_of("filled", n), payload}, {});
      order_db.exec("COMMIT");
    }
    stream_db.exec("BEGIN IMMEDIATE");
    for (std::size_t n = first; n < last; ++n) {
      run(publish, {id_of("created", n), payload}, {});
      run(publish, {id_of("filled", n), payload}, {});
    }
    stream_db.exec("COMMIT");
    order_db.exec("BEGIN IMMEDIATE");
    for (std::size_t n = first; n < last; ++n) {
      run(delete_outbox, {id_of("created", n)}, {});
      run(delete_outbox, {id_of("filled", n)}, {});
    }
    order_db.exec("COMMIT");
    portfolio_db.exec("BEGIN IMMEDIATE");
    for (std::size_t n = first; n < last; ++n) {
      run(settled, {id_of("fill", n)}, {});
      run(update_account, {}, {100, 0});
      run(ledger, {id_of("entry", n), "Buy 1 AAPL"}, {-100});
      run(holding, {}, {static_cast<sqlite3_int64>(n + 1)});
      run(unreserve, {id_of("o", n)}, {});
    }
    portfolio_db.exec("COMMIT");
    stream_db.exec("BEGIN IMMEDIATE");
    for (const char* group : {"security", "user", "portfolio", "order"}) {
      run(advance, {group}, {static_cast<sqlite3_int64>(2 * last)});
    }
    stream_db.exec("COMMIT");
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return static_cast<double>(orders) / elapsed.count();
}

}  // namespace fafnir
