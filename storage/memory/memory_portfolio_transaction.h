#pragma once

#include "core/portfolio/portfolio_store.h"
#include "storage/memory/memory_portfolio_tables.h"
#include "storage/memory/undo_log.h"

namespace fafnir {

// PortfolioTransaction over MemoryPortfolioTables, with the constraints of portfolio.db: unique
// ids, balances, reservations and quantities never negative, reserved shares at most the quantity,
// ledger entries, holdings and reservations only for an existing account (AlreadyExists naming the
// constraint otherwise, and nothing changed). Deleting an account removes its ledger, holdings and
// reservations. Writes apply in place and record their inverse in `undo`; the owner commits or
// rolls back. Orderings match portfolio.db's queries. Not thread-safe.
class MemoryPortfolioTransaction final : public PortfolioTransaction {
 public:
  // REQUIRES: the caller holds the tables' lock while the transaction and `undo` are in use.
  MemoryPortfolioTransaction(MemoryPortfolioTables& tables, UndoLog& undo)
      : tables_(tables), undo_(undo) {}

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
  Status check_account_exists(std::string_view account_id) const;
  void remove_account(const std::string& account_id);

  MemoryPortfolioTables& tables_;
  UndoLog& undo_;
};

}  // namespace fafnir
