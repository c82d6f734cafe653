#include "storage/memory/memory_portfolio_tables.h"

namespace fafnir {

void MemoryPortfolioTables::put_account(AccountRow row) {
  account_ids_by_user[row.account.user_id].emplace(row.rowid, row.account.id);
  std::string id = row.account.id;
  accounts.emplace(std::move(id), std::move(row));
}

MemoryPortfolioTables::AccountWithDependents MemoryPortfolioTables::take_account(
    std::string_view account_id) {
  AccountWithDependents taken;
  auto account = accounts.find(account_id);
  taken.row = std::move(account->second);
  accounts.erase(account);  // `account_id` may have been its key: use `id` from here on
  const std::string& id = taken.row.account.id;
  auto owned = account_ids_by_user.find(taken.row.account.user_id);
  owned->second.erase(taken.row.rowid);
  if (owned->second.empty()) account_ids_by_user.erase(owned);

  if (auto ledger = ledgers.find(id); ledger != ledgers.end()) {
    for (const LedgerEntry& entry : ledger->second) ledger_ids.erase(entry.id);
    taken.ledger = std::move(ledger->second);
    ledgers.erase(ledger);
  }
  if (auto held = holdings.find(id); held != holdings.end()) {
    taken.holdings = std::move(held->second);
    holdings.erase(held);
    for (const auto& [symbol, holding] : taken.holdings) holding_keys.erase(holding.id);
  }
  for (auto reservation = reservations.begin(); reservation != reservations.end();) {
    if (reservation->second.account_id != id) {
      ++reservation;
      continue;
    }
    taken.reservations.push_back(std::move(reservation->second));
    reservation = reservations.erase(reservation);
  }
  return taken;
}

void MemoryPortfolioTables::restore_account(AccountWithDependents taken) {
  const std::string account_id = taken.row.account.id;
  put_account(std::move(taken.row));
  if (!taken.ledger.empty()) {
    const std::deque<LedgerEntry>& ledger =
        ledgers.insert_or_assign(account_id, std::move(taken.ledger)).first->second;
    for (const LedgerEntry& entry : ledger) ledger_ids.insert(entry.id);
  }
  for (auto& [symbol, holding] : taken.holdings) put_holding(std::move(holding));
  for (Reservation& reservation : taken.reservations) {
    std::string order_id = reservation.order_id;
    reservations.emplace(std::move(order_id), std::move(reservation));
  }
}

void MemoryPortfolioTables::put_holding(Holding holding) {
  holding_keys.emplace(holding.id, std::make_pair(holding.account_id, holding.symbol));
  std::map<std::string, Holding, std::less<>>& held = holdings[holding.account_id];
  std::string symbol = holding.symbol;
  held.emplace(std::move(symbol), std::move(holding));
}

Holding* MemoryPortfolioTables::find_holding(std::string_view account_id,
                                             std::string_view symbol) {
  auto held = holdings.find(account_id);
  if (held == holdings.end()) return nullptr;
  auto found = held->second.find(symbol);
  return found == held->second.end() ? nullptr : &found->second;
}

std::optional<Holding> MemoryPortfolioTables::take_holding(std::string_view account_id,
                                                           std::string_view symbol) {
  auto held = holdings.find(account_id);
  if (held == holdings.end()) return std::nullopt;
  auto found = held->second.find(symbol);
  if (found == held->second.end()) return std::nullopt;
  Holding taken = std::move(found->second);
  held->second.erase(found);
  holding_keys.erase(taken.id);
  return taken;
}

}  // namespace fafnir
