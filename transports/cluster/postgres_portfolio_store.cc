#include "transports/cluster/postgres_portfolio_store.h"

#include "transports/cluster/postgres_portfolio_transaction.h"

namespace fafnir {
namespace {

// seq columns stand in for SQLite's rowid: they break ties in time by insertion. Symbols and order
// ids sort bytewise ("C"), as SQLite's TEXT does, whatever the database's locale.
const Schema kPortfolioSchema{
    "portfolio",
    {{1, "accounts, ledger, holdings, reservations, settled fills, watchlist",
      "CREATE TABLE accounts ("
      " id TEXT PRIMARY KEY,"
      " seq BIGSERIAL NOT NULL,"
      " user_id TEXT NOT NULL,"
      " account_number TEXT NOT NULL,"
      " type TEXT NOT NULL,"
      " currency TEXT NOT NULL,"
      " balance BIGINT NOT NULL CHECK (balance >= 0),"
      " reserved BIGINT NOT NULL CHECK (reserved >= 0),"
      " realized_pnl BIGINT NOT NULL,"
      " created_at BIGINT NOT NULL,"
      " updated_at BIGINT NOT NULL);"
      "CREATE INDEX accounts_by_user ON accounts(user_id, created_at, seq);"
      "CREATE TABLE ledger ("
      " id TEXT PRIMARY KEY,"
      " seq BIGSERIAL NOT NULL,"
      " account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
      " type TEXT NOT NULL,"
      " amount BIGINT NOT NULL,"
      " description TEXT NOT NULL,"
      " reference_id TEXT,"
      " created_at BIGINT NOT NULL);"
      "CREATE INDEX ledger_by_account ON ledger(account_id);"
      "CREATE TABLE holdings ("
      " id TEXT PRIMARY KEY,"
      " account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
      " symbol TEXT COLLATE \"C\" NOT NULL,"
      " quantity BIGINT NOT NULL CHECK (quantity >= 0),"
      " reserved BIGINT NOT NULL,"
      " average_cost BIGINT NOT NULL,"
      " cost_basis BIGINT NOT NULL,"
      " created_at BIGINT NOT NULL,"
      " updated_at BIGINT NOT NULL,"
      " CHECK (reserved >= 0 AND reserved <= quantity),"
      " UNIQUE (account_id, symbol));"
      "CREATE TABLE reservations ("
      " order_id TEXT COLLATE \"C\" PRIMARY KEY,"
      " account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
      " symbol TEXT NOT NULL,"
      " cash BIGINT NOT NULL CHECK (cash >= 0),"
      " shares BIGINT NOT NULL CHECK (shares >= 0));"
      "CREATE INDEX reservations_by_account ON reservations(account_id);"
      "CREATE TABLE settled_fills (fill_id TEXT PRIMARY KEY);"
      "CREATE TABLE watchlist ("
      " user_id TEXT NOT NULL,"
      " symbol TEXT NOT NULL,"
      " seq BIGSERIAL NOT NULL,"
      " added_at BIGINT NOT NULL,"
      " PRIMARY KEY (user_id, symbol));"}}};

}  // namespace

const Schema& PostgresPortfolioStore::schema() { return kPortfolioSchema; }

Status PostgresPortfolioStore::transact(const Work& work) {
  std::lock_guard lock(mutex_);
  return connection_->transaction([&](PostgresConnection& db) {
    PostgresPortfolioTransaction tx(db, PostgresRowLocks::kForUpdate);
    return work(tx);
  });
}

Status PostgresPortfolioStore::read(const Work& work) {
  std::lock_guard lock(mutex_);
  return connection_->transaction([&](PostgresConnection& db) -> Status {
    FAFNIR_RETURN_IF_ERROR(
        db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    PostgresPortfolioTransaction tx(db, PostgresRowLocks::kNone);
    return work(tx);
  });
}

}  // namespace fafnir
