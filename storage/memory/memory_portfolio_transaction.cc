#include "storage/memory/memory_portfolio_transaction.h"

#include <algorithm>

#include "storage/memory/constraint_violation.h"

namespace fafnir {
namespace {

Status check_account_amounts(const Account& account) {
  if (account.balance.is_negative()) {
    return constraint_violation("CHECK constraint failed: balance >= 0");
  }
  if (account.reserved.is_negative()) {
    return constraint_violation("CHECK constraint failed: reserved >= 0");
  }
  return Status::Ok();
}

// Sorts `rows` by `time` keeping insertion order among equals: "ORDER BY time, rowid".
template <typename Row>
std::vector<Row> by_time(std::vector<Row> rows, Timestamp Row::*time) {
  std::stable_sort(rows.begin(), rows.end(),
                   [time](const Row& a, const Row& b) { return a.*time < b.*time; });
  return rows;
}

}  // namespace

Status MemoryPortfolioTransaction::check_account_exists(std::string_view account_id) const {
  if (tables_.accounts.count(account_id) == 0) {
    return constraint_violation("FOREIGN KEY constraint failed");
  }
  return Status::Ok();
}

Result<std::optional<Account>> MemoryPortfolioTransaction::find_account(
    std::string_view account_id) {
  auto row = tables_.accounts.find(account_id);
  if (row == tables_.accounts.end()) return std::optional<Account>();
  return std::optional<Account>(row->second.account);
}

Result<std::vector<Account>> MemoryPortfolioTransaction::accounts_of(std::string_view user_id) {
  std::vector<Account> owned;
  auto ids = tables_.account_ids_by_user.find(user_id);
  if (ids == tables_.account_ids_by_user.end()) return owned;
  for (const auto& [rowid, id] : ids->second) owned.push_back(tables_.accounts.at(id).account);
  return by_time(std::move(owned), &Account::created_at);
}

Status MemoryPortfolioTransaction::insert_account(const Account& account) {
  if (tables_.accounts.count(account.id) != 0) {
    return constraint_violation("UNIQUE constraint failed: accounts.id");
  }
  FAFNIR_RETURN_IF_ERROR(check_account_amounts(account));
  tables_.put_account({account, ++tables_.last_account_rowid});
  undo_.record([&tables = tables_, id = account.id] { tables.take_account(id); });
  return Status::Ok();
}

Status MemoryPortfolioTransaction::update_account(const Account& account) {
  auto row = tables_.accounts.find(account.id);
  if (row == tables_.accounts.end()) return Status::NotFound("no account " + account.id);
  FAFNIR_RETURN_IF_ERROR(check_account_amounts(account));
  Account& stored = row->second.account;
  undo_.record([&tables = tables_, id = stored.id, balance = stored.balance,
                reserved = stored.reserved, realized_pnl = stored.realized_pnl,
                updated_at = stored.updated_at] {
    Account& restored = tables.accounts.at(id).account;
    restored.balance = balance;
    restored.reserved = reserved;
    restored.realized_pnl = realized_pnl;
    restored.updated_at = updated_at;
  });
  stored.balance = account.balance;
  stored.reserved = account.reserved;
  stored.realized_pnl = account.realized_pnl;
  stored.updated_at = account.updated_at;
  return Status::Ok();
}

void MemoryPortfolioTransaction::remove_account(const std::string& account_id) {
  undo_.record([&tables = tables_, taken = tables_.take_account(account_id)]() mutable {
    tables.restore_account(std::move(taken));
  });
}

Status MemoryPortfolioTransaction::delete_account(std::string_view account_id) {
  auto row = tables_.accounts.find(account_id);
  if (row != tables_.accounts.end()) remove_account(row->first);
  return Status::Ok();
}

Status MemoryPortfolioTransaction::append_ledger(LedgerEntry entry) {
  if (tables_.ledger_ids.count(entry.id) != 0) {
    return constraint_violation("UNIQUE constraint failed: ledger.id");
  }
  FAFNIR_RETURN_IF_ERROR(check_account_exists(entry.account_id));
  std::deque<LedgerEntry>& ledger = tables_.ledgers[entry.account_id];
  const LedgerEntry* appended = &ledger.emplace_back(std::move(entry));
  tables_.ledger_ids.insert(appended->id);
  undo_.record([&tables = tables_, appended] {
    tables.ledger_ids.erase(appended->id);
    tables.ledgers.find(appended->account_id)->second.pop_back();  // `appended` is its last entry
  });
  return Status::Ok();
}

Result<std::vector<LedgerEntry>> MemoryPortfolioTransaction::ledger(std::string_view account_id) {
  auto ledger = tables_.ledgers.find(account_id);
  if (ledger == tables_.ledgers.end()) return std::vector<LedgerEntry>();
  return by_time(std::vector<LedgerEntry>(ledger->second.begin(), ledger->second.end()),
                 &LedgerEntry::created_at);
}

Result<std::optional<Holding>> MemoryPortfolioTransaction::find_holding(std::string_view account_id,
                                                                        std::string_view symbol) {
  const Holding* found = tables_.find_holding(account_id, symbol);
  return found == nullptr ? std::optional<Holding>() : std::optional<Holding>(*found);
}

Result<std::vector<Holding>> MemoryPortfolioTransaction::holdings(std::string_view account_id) {
  std::vector<Holding> found;
  auto held = tables_.holdings.find(account_id);
  if (held == tables_.holdings.end()) return found;
  found.reserve(held->second.size());
  for (const auto& [symbol, holding] : held->second) found.push_back(holding);
  return found;
}

Status MemoryPortfolioTransaction::save_holding(const Holding& holding) {
  bool empty = holding.quantity.is_zero() && holding.reserved.is_zero();
  if (!empty) {
    if (holding.quantity.is_negative()) {
      return constraint_violation("CHECK constraint failed: quantity >= 0");
    }
    if (holding.reserved.is_negative() || holding.reserved > holding.quantity) {
      return constraint_violation(
          "CHECK constraint failed: reserved >= 0 AND reserved <= quantity");
    }
    FAFNIR_RETURN_IF_ERROR(check_account_exists(holding.account_id));
    if (Holding* row = tables_.find_holding(holding.account_id, holding.symbol);
        row != nullptr && row->id == holding.id) {
      // The same row changes in place; undoing the later changes first brings it back.
      undo_.record([&tables = tables_, before = *row] {
        *tables.find_holding(before.account_id, before.symbol) = before;
      });
      *row = holding;
      return Status::Ok();
    }
  }
  // Like INSERT OR REPLACE: the new row displaces the one for the same account and symbol and any
  // other one with the same id.
  std::vector<Holding> displaced;
  if (std::optional<Holding> same_key = tables_.take_holding(holding.account_id, holding.symbol)) {
    displaced.push_back(std::move(*same_key));
  }
  if (!empty) {
    if (auto key = tables_.holding_keys.find(holding.id); key != tables_.holding_keys.end()) {
      auto [account_id, symbol] = key->second;
      displaced.push_back(*tables_.take_holding(account_id, symbol));
    }
    tables_.put_holding(holding);
  }
  undo_.record([&tables = tables_, saved = empty ? std::nullopt : std::optional<Holding>(holding),
                displaced = std::move(displaced)] {
    if (saved) tables.take_holding(saved->account_id, saved->symbol);
    for (const Holding& before : displaced) tables.put_holding(before);
  });
  return Status::Ok();
}

Result<std::optional<Reservation>> MemoryPortfolioTransaction::find_reservation(
    std::string_view order_id) {
  auto found = tables_.reservations.find(order_id);
  if (found == tables_.reservations.end()) return std::optional<Reservation>();
  return std::optional<Reservation>(found->second);
}

Result<std::vector<Reservation>> MemoryPortfolioTransaction::reservations() {
  std::vector<Reservation> all;
  for (const auto& [order_id, reservation] : tables_.reservations) all.push_back(reservation);
  return all;
}

Result<std::size_t> MemoryPortfolioTransaction::count_reservations(std::string_view account_id) {
  return static_cast<std::size_t>(
      std::count_if(tables_.reservations.begin(), tables_.reservations.end(),
                    [&](const auto& entry) { return entry.second.account_id == account_id; }));
}

Status MemoryPortfolioTransaction::save_reservation(const Reservation& reservation) {
  if (reservation.cash.is_negative()) {
    return constraint_violation("CHECK constraint failed: cash >= 0");
  }
  if (reservation.shares.is_negative()) {
    return constraint_violation("CHECK constraint failed: shares >= 0");
  }
  FAFNIR_RETURN_IF_ERROR(check_account_exists(reservation.account_id));
  auto [stored, inserted] = tables_.reservations.try_emplace(reservation.order_id, reservation);
  if (inserted) {
    undo_.record([&tables = tables_, order_id = reservation.order_id] {
      tables.reservations.erase(tables.reservations.find(order_id));
    });
  } else {
    undo_.record([&tables = tables_, before = stored->second] {
      tables.reservations.find(before.order_id)->second = before;
    });
    stored->second = reservation;
  }
  return Status::Ok();
}

Status MemoryPortfolioTransaction::delete_reservation(std::string_view order_id) {
  auto found = tables_.reservations.find(order_id);
  if (found == tables_.reservations.end()) return Status::Ok();
  undo_.record([&tables = tables_, taken = std::move(*found)]() mutable {
    tables.reservations.insert(std::move(taken));
  });
  tables_.reservations.erase(found);
  return Status::Ok();
}

Result<bool> MemoryPortfolioTransaction::mark_fill_settled(std::string_view fill_id) {
  auto [marked, inserted] = tables_.settled_fills.emplace(fill_id);
  if (!inserted) return true;
  undo_.record([&tables = tables_, id = *marked] { tables.settled_fills.erase(id); });
  return false;
}

Status MemoryPortfolioTransaction::add_to_watchlist(std::string_view user_id,
                                                    const WatchlistItem& item) {
  std::vector<WatchlistItem>& items = tables_.watchlists[std::string(user_id)];
  bool listed = std::any_of(items.begin(), items.end(), [&](const WatchlistItem& listed) {
    return listed.symbol == item.symbol;
  });
  if (listed) return Status::Ok();
  items.push_back(item);
  undo_.record([&tables = tables_, user = std::string(user_id)] {
    tables.watchlists.find(user)->second.pop_back();
  });
  return Status::Ok();
}

Status MemoryPortfolioTransaction::remove_from_watchlist(std::string_view user_id,
                                                         std::string_view symbol) {
  auto list = tables_.watchlists.find(user_id);
  if (list == tables_.watchlists.end()) return Status::Ok();
  std::vector<WatchlistItem>& items = list->second;
  auto found = std::find_if(items.begin(), items.end(),
                            [&](const WatchlistItem& item) { return item.symbol == symbol; });
  if (found == items.end()) return Status::Ok();
  undo_.record(
      [&tables = tables_, user = list->first, at = found - items.begin(), removed = *found] {
        std::vector<WatchlistItem>& restored = tables.watchlists.find(user)->second;
        restored.insert(restored.begin() + at, removed);
      });
  items.erase(found);
  return Status::Ok();
}

Result<std::vector<WatchlistItem>> MemoryPortfolioTransaction::watchlist(std::string_view user_id) {
  auto list = tables_.watchlists.find(user_id);
  if (list == tables_.watchlists.end()) return std::vector<WatchlistItem>();
  return by_time(list->second, &WatchlistItem::added_at);
}

Status MemoryPortfolioTransaction::delete_user(std::string_view user_id) {
  if (auto list = tables_.watchlists.find(user_id); list != tables_.watchlists.end()) {
    undo_.record([&tables = tables_, user = list->first, items = list->second]() mutable {
      tables.watchlists.insert_or_assign(std::move(user), std::move(items));
    });
    tables_.watchlists.erase(list);
  }
  auto owned = tables_.account_ids_by_user.find(user_id);
  if (owned == tables_.account_ids_by_user.end()) return Status::Ok();
  std::vector<std::string> account_ids;
  for (const auto& [rowid, id] : owned->second) account_ids.push_back(id);
  for (const std::string& account_id : account_ids) remove_account(account_id);
  return Status::Ok();
}

}  // namespace fafnir
