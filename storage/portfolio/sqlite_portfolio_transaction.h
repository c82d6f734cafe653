#pragma once

#include "core/portfolio/portfolio_store.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// PortfolioTransaction inside an open SqliteDatabase transaction on portfolio.db.
class SqlitePortfolioTransaction final : public PortfolioTransaction {
 public:
  // REQUIRES: inside db.transaction(); `db` outlives this object.
  explicit SqlitePortfolioTransaction(SqliteDatabase& db) : db_(db) {}

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
  Result<std::vector<Account>> select_accounts(std::string_view where, std::string_view key);
  Result<std::vector<Holding>> select_holdings(std::string_view where, std::string_view account_id,
                                               std::string_view symbol);
  Result<std::vector<Reservation>> select_reservations(std::string_view where,
                                                      std::string_view order_id);
  Status run(std::string_view sql, std::string_view key);

  SqliteDatabase& db_;
};

}  // namespace fafnir
