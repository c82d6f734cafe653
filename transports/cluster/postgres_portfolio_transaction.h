#pragma once

#include <string>
#include <string_view>

#include "core/portfolio/portfolio_store.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// Whether a unit's reads of accounts, holdings and reservations lock the rows they return.
enum class PostgresRowLocks { kNone, kForUpdate };

// PortfolioTransaction inside an open transaction on the portfolio schema. With
// PostgresRowLocks::kForUpdate every account, holding and reservation it reads stays locked
// (SELECT ... FOR UPDATE) until the transaction ends, so units on different nodes that read a row
// and then write it take turns; find_reservation() also locks the order id itself (a
// transaction-scoped advisory lock), which holds even when no reservation exists yet, so two units
// cannot both find none and both reserve. kNone is for read-only transactions, which may not lock.
class PostgresPortfolioTransaction final : public PortfolioTransaction {
 public:
  // REQUIRES: inside db.transaction(); `db` outlives this object.
  PostgresPortfolioTransaction(PostgresConnection& db, PostgresRowLocks locks)
      : db_(db), locks_(locks) {}

  Result<std::optional<Account>> find_account(std::string_view account_id) override;
  Result<std::vector<Account>> accounts_of(std::string_view user_id) override;
  Status insert_account(const Account& account) override;
  Status update_account(const Account& account) override;
  Status delete_account(std::string_view account_id) override;

  Status append_ledger(LedgerEntry entry) override;
  Result<std::vector<LedgerEntry>> ledger(std::string_view account_id) override;

  Result<std::optional<Holding>> find_holding(std::string_view account_id,
                                              std::string_view symbol) override;
  Result<std::vector<Holding>> holdings(std::string_view account_id) override;
  Status save_holding(const Holding& holding) override;

  Result<std::optional<Reservation>> find_reservation(std::string_view order_id) override;
  Result<std::vector<Reservation>> reservations() override;
  Result<std::size_t> count_reservations(std::string_view account_id) override;
  Status save_reservation(const Reservation& reservation) override;
  Status delete_reservation(std::string_view order_id) override;

  Result<bool> mark_fill_settled(std::string_view fill_id) override;

  Status add_to_watchlist(std::string_view user_id, const WatchlistItem& item) override;
  Status remove_from_watchlist(std::string_view user_id, std::string_view symbol) override;
  Result<std::vector<WatchlistItem>> watchlist(std::string_view user_id) override;

  Status delete_user(std::string_view user_id) override;

 private:
  // `sql` followed by FOR UPDATE when this unit locks what it reads.
  std::string locking(std::string_view sql) const;
  Result<std::vector<Account>> select_accounts(std::string_view where_and_order,
                                               std::string_view key);
  Result<std::vector<Holding>> select_holdings(std::string_view where_and_order,
                                               const std::vector<PostgresParam>& params);
  Result<std::vector<Reservation>> select_reservations(std::string_view where_and_order,
                                                       const std::vector<PostgresParam>& params);
  Status run(std::string_view sql, const std::vector<PostgresParam>& params);

  PostgresConnection& db_;
  PostgresRowLocks locks_;
};

}  // namespace fafnir
