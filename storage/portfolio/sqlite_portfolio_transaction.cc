#include "storage/portfolio/sqlite_portfolio_transaction.h"

#include <string>

#include "storage/sqlite/enum_column.h"

namespace fafnir {
namespace {

constexpr std::string_view kAccountColumns =
    "SELECT id, user_id, account_number, type, currency, balance, reserved, realized_pnl,"
    " created_at, updated_at FROM accounts ";
constexpr std::string_view kHoldingColumns =
    "SELECT id, account_id, symbol, quantity, reserved, average_cost, cost_basis, created_at,"
    " updated_at"
    " FROM holdings ";

Account read_account(const SqliteStatement& row) {
  return Account{row.column_text(0),
                 row.column_text(1),
                 row.column_text(2),
                 enum_column(row, 3, &parse_account_type),
                 enum_column(row, 4, &parse_currency),
                 Money::from_micros(row.column_int64(5)),
                 Money::from_micros(row.column_int64(6)),
                 Money::from_micros(row.column_int64(7)),
                 Timestamp{row.column_int64(8)},
                 Timestamp{row.column_int64(9)}};
}

Holding read_holding(const SqliteStatement& row) {
  return Holding{row.column_text(0),
                 row.column_text(1),
                 row.column_text(2),
                 Quantity::from_micros(row.column_int64(3)),
                 Quantity::from_micros(row.column_int64(4)),
                 Price::from_micros(row.column_int64(5)),
                 Money::from_micros(row.column_int64(6)),
                 Timestamp{row.column_int64(7)},
                 Timestamp{row.column_int64(8)}};
}

}  // namespace

Status SqlitePortfolioTransaction::run(std::string_view sql, std::string_view key) {
  FAFNIR_ASSIGN_OR_RETURN(SqliteStatement statement, db_.prepare(sql));
  return statement.bind(1, key).run();
}

Result<std::vector<Account>> SqlitePortfolioTransaction::select_accounts(std::string_view where,
                                                                         std::string_view key) {
  std::vector<Account> accounts;
  FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                          db_.prepare(std::string(kAccountColumns) + std::string(where)));
  FAFNIR_RETURN_IF_ERROR(query.bind(1, key).for_each_row(
      [&](const SqliteStatement& row) { accounts.push_back(read_account(row)); }));
  return accounts;
}

Result<std::optional<Account>> SqlitePortfolioTransaction::find_account(
    std::string_view account_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Account> found, select_accounts("WHERE id = ?", account_id));
  if (found.empty()) return std::optional<Account>();
  return std::optional<Account>(found.front());
}

Result<std::vector<Account>> SqlitePortfolioTransaction::accounts_of(std::string_view user_id) {
  return select_accounts("WHERE user_id = ? ORDER BY created_at, rowid", user_id);
}

Status SqlitePortfolioTransaction::insert_account(const Account& account) {
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement insert,
      db_.prepare("INSERT INTO accounts(id, user_id, account_number, type, currency, balance,"
                  " reserved, realized_pnl, created_at, updated_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  return insert.bind(1, account.id)
      .bind(2, account.user_id)
      .bind(3, account.account_number)
      .bind(4, account_type_name(account.type))
      .bind(5, currency_code(account.currency))
      .bind(6, account.balance.micros())
      .bind(7, account.reserved.micros())
      .bind(8, account.realized_pnl.micros())
      .bind(9, account.created_at.micros)
      .bind(10, account.updated_at.micros)
      .run();
}

Status SqlitePortfolioTransaction::update_account(const Account& account) {
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement update,
      db_.prepare("UPDATE accounts SET balance = ?, reserved = ?, realized_pnl = ?,"
                  " updated_at = ? WHERE id = ?"));
  FAFNIR_RETURN_IF_ERROR(update.bind(1, account.balance.micros())
                             .bind(2, account.reserved.micros())
                             .bind(3, account.realized_pnl.micros())
                             .bind(4, account.updated_at.micros)
                             .bind(5, account.id)
                             .run());
  if (update.changes() == 0) return Status::NotFound("no account " + account.id);
  return Status::Ok();
}

Status SqlitePortfolioTransaction::delete_account(std::string_view account_id) {
  return run("DELETE FROM accounts WHERE id = ?", account_id);
}

Status SqlitePortfolioTransaction::append_ledger(LedgerEntry entry) {
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement insert,
      db_.prepare("INSERT INTO ledger(id, account_id, type, amount, description, reference_id,"
                  " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  insert.bind(1, entry.id)
      .bind(2, entry.account_id)
      .bind(3, transaction_type_name(entry.type))
      .bind(4, entry.amount.micros())
      .bind(5, entry.description)
      .bind(7, entry.created_at.micros);
  if (entry.reference_id) {
    insert.bind(6, *entry.reference_id);
  } else {
    insert.bind_null(6);
  }
  return insert.run();
}

Result<std::vector<LedgerEntry>> SqlitePortfolioTransaction::ledger(std::string_view account_id) {
  std::vector<LedgerEntry> entries;
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement query,
      db_.prepare("SELECT id, account_id, type, amount, description, reference_id, created_at"
                  " FROM ledger WHERE account_id = ? ORDER BY created_at, rowid"));
  FAFNIR_RETURN_IF_ERROR(query.bind(1, account_id).for_each_row([&](const SqliteStatement& row) {
    entries.push_back(LedgerEntry{row.column_text(0), row.column_text(1),
                                  enum_column(row, 2, &parse_transaction_type),
                                  Money::from_micros(row.column_int64(3)), row.column_text(4),
                                  row.column_optional_text(5), Timestamp{row.column_int64(6)}});
  }));
  return entries;
}

Result<std::vector<Holding>> SqlitePortfolioTransaction::select_holdings(
    std::string_view where, std::string_view account_id, std::string_view symbol) {
  std::vector<Holding> held;
  FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                          db_.prepare(std::string(kHoldingColumns) + std::string(where)));
  query.bind(1, account_id);
  if (!symbol.empty()) query.bind(2, symbol);
  FAFNIR_RETURN_IF_ERROR(
      query.for_each_row([&](const SqliteStatement& row) { held.push_back(read_holding(row)); }));
  return held;
}

Result<std::optional<Holding>> SqlitePortfolioTransaction::find_holding(
    std::string_view account_id, std::string_view symbol) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Holding> found,
                          select_holdings("WHERE account_id = ? AND symbol = ?", account_id, symbol));
  if (found.empty()) return std::optional<Holding>();
  return std::optional<Holding>(found.front());
}

Result<std::vector<Holding>> SqlitePortfolioTransaction::holdings(std::string_view account_id) {
  return select_holdings("WHERE account_id = ? ORDER BY symbol", account_id, {});
}

Status SqlitePortfolioTransaction::save_holding(const Holding& holding) {
  if (holding.quantity.is_zero() && holding.reserved.is_zero()) {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement erase,
                            db_.prepare("DELETE FROM holdings WHERE account_id = ? AND symbol = ?"));
    return erase.bind(1, holding.account_id).bind(2, holding.symbol).run();
  }
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement upsert,
      db_.prepare("INSERT OR REPLACE INTO holdings(id, account_id, symbol, quantity, reserved,"
                  " average_cost, cost_basis, created_at, updated_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  return upsert.bind(1, holding.id)
      .bind(2, holding.account_id)
      .bind(3, holding.symbol)
      .bind(4, holding.quantity.micros())
      .bind(5, holding.reserved.micros())
      .bind(6, holding.average_cost.micros())
      .bind(7, holding.cost_basis.micros())
      .bind(8, holding.created_at.micros)
      .bind(9, holding.updated_at.micros)
      .run();
}

Result<std::vector<Reservation>> SqlitePortfolioTransaction::select_reservations(
    std::string_view where, std::string_view order_id) {
  std::vector<Reservation> found;
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement query,
      db_.prepare("SELECT order_id, account_id, symbol, cash, shares FROM reservations " +
                  std::string(where)));
  if (!order_id.empty()) query.bind(1, order_id);
  FAFNIR_RETURN_IF_ERROR(query.for_each_row([&](const SqliteStatement& row) {
    found.push_back(Reservation{row.column_text(0), row.column_text(1), row.column_text(2),
                                Money::from_micros(row.column_int64(3)),
                                Quantity::from_micros(row.column_int64(4))});
  }));
  return found;
}

Result<std::optional<Reservation>> SqlitePortfolioTransaction::find_reservation(
    std::string_view order_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Reservation> found,
                          select_reservations("WHERE order_id = ?", order_id));
  if (found.empty()) return std::optional<Reservation>();
  return std::optional<Reservation>(found.front());
}

Result<std::vector<Reservation>> SqlitePortfolioTransaction::reservations() {
  return select_reservations("ORDER BY order_id", {});
}

Result<std::size_t> SqlitePortfolioTransaction::count_reservations(std::string_view account_id) {
  FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                          db_.prepare("SELECT COUNT(*) FROM reservations WHERE account_id = ?"));
  FAFNIR_ASSIGN_OR_RETURN(bool row, query.bind(1, account_id).step());
  return row ? static_cast<std::size_t>(query.column_int64(0)) : 0;
}

Status SqlitePortfolioTransaction::delete_reservation(std::string_view order_id) {
  return run("DELETE FROM reservations WHERE order_id = ?", order_id);
}

Status SqlitePortfolioTransaction::save_reservation(const Reservation& reservation) {
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement upsert,
      db_.prepare("INSERT OR REPLACE INTO reservations(order_id, account_id, symbol, cash, shares)"
                  " VALUES (?, ?, ?, ?, ?)"));
  return upsert.bind(1, reservation.order_id)
      .bind(2, reservation.account_id)
      .bind(3, reservation.symbol)
      .bind(4, reservation.cash.micros())
      .bind(5, reservation.shares.micros())
      .run();
}

Result<bool> SqlitePortfolioTransaction::mark_fill_settled(std::string_view fill_id) {
  FAFNIR_ASSIGN_OR_RETURN(SqliteStatement insert,
                          db_.prepare("INSERT OR IGNORE INTO settled_fills(fill_id) VALUES (?)"));
  FAFNIR_RETURN_IF_ERROR(insert.bind(1, fill_id).run());
  return insert.changes() == 0;
}

Status SqlitePortfolioTransaction::add_to_watchlist(std::string_view user_id,
                                                    const WatchlistItem& item) {
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement insert,
      db_.prepare("INSERT OR IGNORE INTO watchlist(user_id, symbol, added_at) VALUES (?, ?, ?)"));
  return insert.bind(1, user_id).bind(2, item.symbol).bind(3, item.added_at.micros).run();
}

Status SqlitePortfolioTransaction::remove_from_watchlist(std::string_view user_id,
                                                         std::string_view symbol) {
  FAFNIR_ASSIGN_OR_RETURN(SqliteStatement erase,
                          db_.prepare("DELETE FROM watchlist WHERE user_id = ? AND symbol = ?"));
  return erase.bind(1, user_id).bind(2, symbol).run();
}

Result<std::vector<WatchlistItem>> SqlitePortfolioTransaction::watchlist(std::string_view user_id) {
  std::vector<WatchlistItem> items;
  FAFNIR_ASSIGN_OR_RETURN(
      SqliteStatement query,
      db_.prepare("SELECT symbol, added_at FROM watchlist WHERE user_id = ?"
                  " ORDER BY added_at, rowid"));
  FAFNIR_RETURN_IF_ERROR(query.bind(1, user_id).for_each_row([&](const SqliteStatement& row) {
    items.push_back({row.column_text(0), Timestamp{row.column_int64(1)}});
  }));
  return items;
}

Status SqlitePortfolioTransaction::delete_user(std::string_view user_id) {
  FAFNIR_RETURN_IF_ERROR(run("DELETE FROM watchlist WHERE user_id = ?", user_id));
  return run("DELETE FROM accounts WHERE user_id = ?", user_id);
}

}  // namespace fafnir
