#include "storage/portfolio/sqlite_portfolio_store.h"

#include "storage/portfolio/sqlite_portfolio_transaction.h"

namespace fafnir {
namespace {

const Schema kPortfolioSchema{
    "portfolio",
    {{1, "accounts, ledger, holdings, reservations, settled fills, watchlist",
      "CREATE TABLE accounts ("
      " id TEXT PRIMARY KEY,"
      " user_id TEXT NOT NULL,"
      " account_number TEXT NOT NULL,"
      " type TEXT NOT NULL,"
      " currency TEXT NOT NULL,"
      " balance INTEGER NOT NULL CHECK (balance >= 0),"
      " reserved INTEGER NOT NULL CHECK (reserved >= 0),"
      " realized_pnl INTEGER NOT NULL,"
      " created_at INTEGER NOT NULL,"
      " updated_at INTEGER NOT NULL);"
      "CREATE INDEX accounts_by_user ON accounts(user_id, created_at);"
      "CREATE TABLE ledger ("
      " id TEXT PRIMARY KEY,"
      " account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
      " type TEXT NOT NULL,"
      " amount INTEGER NOT NULL,"
      " description TEXT NOT NULL,"
      " reference_id TEXT,"
      " created_at INTEGER NOT NULL);"
      "CREATE INDEX ledger_by_account ON ledger(account_id);"
      "CREATE TABLE holdings ("
      " id TEXT PRIMARY KEY,"
      " account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
      " symbol TEXT NOT NULL,"
      " quantity INTEGER NOT NULL CHECK (quantity >= 0),"
      " reserved INTEGER NOT NULL CHECK (reserved >= 0 AND reserved <= quantity),"
      " average_cost INTEGER NOT NULL,"
      " cost_basis INTEGER NOT NULL,"
      " created_at INTEGER NOT NULL,"
      " updated_at INTEGER NOT NULL,"
      " UNIQUE (account_id, symbol));"
      "CREATE TABLE reservations ("
      " order_id TEXT PRIMARY KEY,"
      " account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
      " symbol TEXT NOT NULL,"
      " cash INTEGER NOT NULL CHECK (cash >= 0),"
      " shares INTEGER NOT NULL CHECK (shares >= 0));"
      "CREATE INDEX reservations_by_account ON reservations(account_id);"
      "CREATE TABLE settled_fills (fill_id TEXT PRIMARY KEY);"
      "CREATE TABLE watchlist ("
      " user_id TEXT NOT NULL,"
      " symbol TEXT NOT NULL,"
      " added_at INTEGER NOT NULL,"
      " PRIMARY KEY (user_id, symbol));"}}};

}  // namespace

const Schema& SqlitePortfolioStore::schema() { return kPortfolioSchema; }

Status SqlitePortfolioStore::transact(const Work& work) {
  return db_->transaction([&](SqliteDatabase& db) {
    SqlitePortfolioTransaction tx(db);
    return work(tx);
  });
}

Status SqlitePortfolioStore::read(const Work& work) {
  return db_->read([&](SqliteDatabase& db) {
    SqlitePortfolioTransaction tx(db);
    return work(tx);
  });
}

}  // namespace fafnir
