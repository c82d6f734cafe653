#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/common/string_hash.h"
#include "core/portfolio/account.h"

namespace fafnir {

// The portfolio service's data in memory (the tables of portfolio.db) with the indexes its queries
// need. The operations below keep the indexes in step and hand back what they displace, so that an
// undo log can put it back. Constraints are the caller's to check. Not thread-safe.
struct MemoryPortfolioTables {
  struct AccountRow {
    Account account;
    std::uint64_t rowid = 0;  // insertion order, breaks ties in time as SQLite's rowid does
  };
  // An account with everything deleting it removes (ON DELETE CASCADE in portfolio.db).
  struct AccountWithDependents {
    AccountRow row;
    std::deque<LedgerEntry> ledger;
    std::map<std::string, Holding, std::less<>> holdings;
    std::vector<Reservation> reservations;
  };

  // REQUIRES: no account with the row's id.
  void put_account(AccountRow row);
  // REQUIRES: the account exists.
  AccountWithDependents take_account(std::string_view account_id);
  // Puts back what take_account() took.
  void restore_account(AccountWithDependents taken);

  // REQUIRES: no holding with the same id, nor for the same account and symbol.
  void put_holding(Holding holding);
  // The holding of `symbol` in the account, in place; null when there is none.
  Holding* find_holding(std::string_view account_id, std::string_view symbol);
  // The holding of `symbol` in the account, removed; none when there is none.
  std::optional<Holding> take_holding(std::string_view account_id, std::string_view symbol);

  std::uint64_t last_account_rowid = 0;
  StringMap<AccountRow> accounts;                                       // by id
  StringMap<std::map<std::uint64_t, std::string>> account_ids_by_user;  // by rowid
  // By account id, in insertion order. Entries keep their address while they exist, also when
  // their account is taken and restored (deques move without moving their elements).
  StringMap<std::deque<LedgerEntry>> ledgers;
  std::unordered_set<std::string_view> ledger_ids;                  // of the entries in `ledgers`
  StringMap<std::map<std::string, Holding, std::less<>>> holdings;  // by account id, then symbol
  StringMap<std::pair<std::string, std::string>>
      holding_keys;  // (account id, symbol) by holding id
  std::map<std::string, Reservation, std::less<>> reservations;  // by order id
  StringSet settled_fills;
  StringMap<std::vector<WatchlistItem>> watchlists;  // by user id, in insertion order
};

}  // namespace fafnir
