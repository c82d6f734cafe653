#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/portfolio/account.h"

namespace fafnir {

// The portfolio service's data, as seen inside one atomic unit of work. Reads see the unit's own
// writes. Only valid during the PortfolioStore::transact() call that produced it.
class PortfolioTransaction {
 public:
  virtual ~PortfolioTransaction() = default;

  virtual Result<std::optional<Account>> find_account(std::string_view account_id) = 0;
  // Oldest first.
  virtual Result<std::vector<Account>> accounts_of(std::string_view user_id) = 0;
  virtual Status insert_account(const Account& account) = 0;
  // Writes balance, reserved, realized P&L and updated_at.
  virtual Status update_account(const Account& account) = 0;
  // Removes the account with its ledger.
  virtual Status delete_account(std::string_view account_id) = 0;

  // Takes `entry` by value: a store that keeps it may move it in.
  virtual Status append_ledger(LedgerEntry entry) = 0;
  // Oldest first.
  virtual Result<std::vector<LedgerEntry>> ledger(std::string_view account_id) = 0;

  virtual Result<std::optional<Holding>> find_holding(std::string_view account_id,
                                                      std::string_view symbol) = 0;
  // Ordered by symbol.
  virtual Result<std::vector<Holding>> holdings(std::string_view account_id) = 0;
  // Inserts or replaces by (account, symbol); a holding with zero quantity and reservation is
  // removed instead.
  virtual Status save_holding(const Holding& holding) = 0;

  virtual Result<std::optional<Reservation>> find_reservation(std::string_view order_id) = 0;
  // Every reservation, by order id.
  virtual Result<std::vector<Reservation>> reservations() = 0;
  virtual Result<std::size_t> count_reservations(std::string_view account_id) = 0;
  // Inserts or replaces by order id. A reservation exists as long as its order is open, even
  // when it holds nothing (an order too small to cost a micro).
  virtual Status save_reservation(const Reservation& reservation) = 0;
  virtual Status delete_reservation(std::string_view order_id) = 0;

  // False the first time a fill id is marked, true on every later call.
  virtual Result<bool> mark_fill_settled(std::string_view fill_id) = 0;

  virtual Status add_to_watchlist(std::string_view user_id, const WatchlistItem& item) = 0;
  virtual Status remove_from_watchlist(std::string_view user_id, std::string_view symbol) = 0;
  // Oldest first.
  virtual Result<std::vector<WatchlistItem>> watchlist(std::string_view user_id) = 0;

  // Removes every account, ledger entry, holding, reservation and watchlist item of the user.
  virtual Status delete_user(std::string_view user_id) = 0;
};

// The portfolio service's store. Thread-safe.
class PortfolioStore {
 public:
  using Work = std::function<Status(PortfolioTransaction&)>;

  virtual ~PortfolioStore() = default;
  // Runs `work` atomically and in isolation from other units (serializable); when `work` fails
  // nothing it wrote is kept.
  virtual Status transact(const Work& work) = 0;
  // Runs `work`, which only reads, without opening a write unit.
  virtual Status read(const Work& work) = 0;
};

}  // namespace fafnir
