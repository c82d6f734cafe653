#include "transports/cluster/postgres_portfolio_transaction.h"

#include <string>

#include "transports/cluster/postgres_columns.h"

namespace fafnir {
namespace {

constexpr std::string_view kAccountColumns =
    "SELECT id, user_id, account_number, type, currency, balance, reserved, realized_pnl,"
    " created_at, updated_at FROM accounts ";
constexpr std::string_view kHoldingColumns =
    "SELECT id, account_id, symbol, quantity, reserved, average_cost, cost_basis, created_at,"
    " updated_at FROM holdings ";
constexpr std::string_view kReservationColumns =
    "SELECT order_id, account_id, symbol, cash, shares FROM reservations ";

Result<Account> read_account(const PostgresResult& rows, int row) {
  Account account;
  account.id = rows.text(row, 0);
  account.user_id = rows.text(row, 1);
  account.account_number = rows.text(row, 2);
  FAFNIR_ASSIGN_OR_RETURN(account.type, postgres_enum(rows, row, 3, &parse_account_type));
  FAFNIR_ASSIGN_OR_RETURN(account.currency, postgres_enum(rows, row, 4, &parse_currency));
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t balance, rows.int64(row, 5));
  account.balance = Money::from_micros(balance);
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t reserved, rows.int64(row, 6));
  account.reserved = Money::from_micros(reserved);
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t realized, rows.int64(row, 7));
  account.realized_pnl = Money::from_micros(realized);
  FAFNIR_ASSIGN_OR_RETURN(account.created_at.micros, rows.int64(row, 8));
  FAFNIR_ASSIGN_OR_RETURN(account.updated_at.micros, rows.int64(row, 9));
  return account;
}

Result<Holding> read_holding(const PostgresResult& rows, int row) {
  Holding holding;
  holding.id = rows.text(row, 0);
  holding.account_id = rows.text(row, 1);
  holding.symbol = rows.text(row, 2);
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t quantity, rows.int64(row, 3));
  holding.quantity = Quantity::from_micros(quantity);
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t reserved, rows.int64(row, 4));
  holding.reserved = Quantity::from_micros(reserved);
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t average_cost, rows.int64(row, 5));
  holding.average_cost = Price::from_micros(average_cost);
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t cost_basis, rows.int64(row, 6));
  holding.cost_basis = Money::from_micros(cost_basis);
  FAFNIR_ASSIGN_OR_RETURN(holding.created_at.micros, rows.int64(row, 7));
  FAFNIR_ASSIGN_OR_RETURN(holding.updated_at.micros, rows.int64(row, 8));
  return holding;
}

Result<Reservation> read_reservation(const PostgresResult& rows, int row) {
  Reservation reservation;
  reservation.order_id = rows.text(row, 0);
  reservation.account_id = rows.text(row, 1);
  reservation.symbol = rows.text(row, 2);
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t cash, rows.int64(row, 3));
  reservation.cash = Money::from_micros(cash);
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t shares, rows.int64(row, 4));
  reservation.shares = Quantity::from_micros(shares);
  return reservation;
}

Result<LedgerEntry> read_entry(const PostgresResult& rows, int row) {
  LedgerEntry entry;
  entry.id = rows.text(row, 0);
  entry.account_id = rows.text(row, 1);
  FAFNIR_ASSIGN_OR_RETURN(entry.type, postgres_enum(rows, row, 2, &parse_transaction_type));
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t amount, rows.int64(row, 3));
  entry.amount = Money::from_micros(amount);
  entry.description = rows.text(row, 4);
  if (!rows.is_null(row, 5)) entry.reference_id = rows.text(row, 5);
  FAFNIR_ASSIGN_OR_RETURN(entry.created_at.micros, rows.int64(row, 6));
  return entry;
}

}  // namespace

std::string PostgresPortfolioTransaction::locking(std::string_view sql) const {
  std::string text(sql);
  if (locks_ == PostgresRowLocks::kForUpdate) text += " FOR UPDATE";
  return text;
}

Status PostgresPortfolioTransaction::run(std::string_view sql,
                                         const std::vector<PostgresParam>& params) {
  return db_.query(sql, params).status();
}

Result<std::vector<Account>> PostgresPortfolioTransaction::select_accounts(
    std::string_view where_and_order, std::string_view key) {
  FAFNIR_ASSIGN_OR_RETURN(PostgresResult rows, db_.query(locking(std::string(kAccountColumns) +
                                                                 std::string(where_and_order)),
                                                         {postgres_text(key)}));
  return postgres_rows(rows, &read_account);
}

Result<std::optional<Account>> PostgresPortfolioTransaction::find_account(
    std::string_view account_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Account> found, select_accounts("WHERE id = $1", account_id));
  return first_of(std::move(found));
}

Result<std::vector<Account>> PostgresPortfolioTransaction::accounts_of(std::string_view user_id) {
  return select_accounts("WHERE user_id = $1 ORDER BY created_at, seq", user_id);
}

Status PostgresPortfolioTransaction::insert_account(const Account& account) {
  return run(
      "INSERT INTO accounts(id, user_id, account_number, type, currency, balance, reserved,"
      " realized_pnl, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {account.id, account.user_id, account.account_number,
       postgres_text(account_type_name(account.type)),
       postgres_text(currency_code(account.currency)), postgres_int64(account.balance.micros()),
       postgres_int64(account.reserved.micros()), postgres_int64(account.realized_pnl.micros()),
       postgres_int64(account.created_at.micros), postgres_int64(account.updated_at.micros)});
}

Status PostgresPortfolioTransaction::update_account(const Account& account) {
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult updated,
      db_.query(
          "UPDATE accounts SET balance = $2, reserved = $3, realized_pnl = $4,"
          " updated_at = $5 WHERE id = $1",
          {account.id, postgres_int64(account.balance.micros()),
           postgres_int64(account.reserved.micros()), postgres_int64(account.realized_pnl.micros()),
           postgres_int64(account.updated_at.micros)}));
  if (updated.affected_rows() == 0) return Status::NotFound("no account " + account.id);
  return Status::Ok();
}

Status PostgresPortfolioTransaction::delete_account(std::string_view account_id) {
  return run("DELETE FROM accounts WHERE id = $1", {postgres_text(account_id)});
}

Status PostgresPortfolioTransaction::append_ledger(LedgerEntry entry) {
  return run(
      "INSERT INTO ledger(id, account_id, type, amount, description, reference_id, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {entry.id, entry.account_id, postgres_text(transaction_type_name(entry.type)),
       postgres_int64(entry.amount.micros()), entry.description, entry.reference_id,
       postgres_int64(entry.created_at.micros)});
}

Result<std::vector<LedgerEntry>> PostgresPortfolioTransaction::ledger(std::string_view account_id) {
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      db_.query("SELECT id, account_id, type, amount, description, reference_id, created_at"
                " FROM ledger WHERE account_id = $1 ORDER BY created_at, seq",
                {postgres_text(account_id)}));
  return postgres_rows(rows, &read_entry);
}

Result<std::vector<Holding>> PostgresPortfolioTransaction::select_holdings(
    std::string_view where_and_order, const std::vector<PostgresParam>& params) {
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      db_.query(locking(std::string(kHoldingColumns) + std::string(where_and_order)), params));
  return postgres_rows(rows, &read_holding);
}

Result<std::optional<Holding>> PostgresPortfolioTransaction::find_holding(
    std::string_view account_id, std::string_view symbol) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Holding> found,
                          select_holdings("WHERE account_id = $1 AND symbol = $2",
                                          {postgres_text(account_id), postgres_text(symbol)}));
  return first_of(std::move(found));
}

Result<std::vector<Holding>> PostgresPortfolioTransaction::holdings(std::string_view account_id) {
  return select_holdings("WHERE account_id = $1 ORDER BY symbol", {postgres_text(account_id)});
}

Status PostgresPortfolioTransaction::save_holding(const Holding& holding) {
  if (holding.quantity.is_zero() && holding.reserved.is_zero()) {
    return run("DELETE FROM holdings WHERE account_id = $1 AND symbol = $2",
               {holding.account_id, holding.symbol});
  }
  return run(
      "INSERT INTO holdings(id, account_id, symbol, quantity, reserved, average_cost, cost_basis,"
      " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
      " ON CONFLICT (account_id, symbol) DO UPDATE SET id = EXCLUDED.id,"
      " quantity = EXCLUDED.quantity, reserved = EXCLUDED.reserved,"
      " average_cost = EXCLUDED.average_cost, cost_basis = EXCLUDED.cost_basis,"
      " created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at",
      {holding.id, holding.account_id, holding.symbol, postgres_int64(holding.quantity.micros()),
       postgres_int64(holding.reserved.micros()), postgres_int64(holding.average_cost.micros()),
       postgres_int64(holding.cost_basis.micros()), postgres_int64(holding.created_at.micros),
       postgres_int64(holding.updated_at.micros)});
}

Result<std::vector<Reservation>> PostgresPortfolioTransaction::select_reservations(
    std::string_view where_and_order, const std::vector<PostgresParam>& params) {
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      db_.query(locking(std::string(kReservationColumns) + std::string(where_and_order)), params));
  return postgres_rows(rows, &read_reservation);
}

Result<std::optional<Reservation>> PostgresPortfolioTransaction::find_reservation(
    std::string_view order_id) {
  if (locks_ == PostgresRowLocks::kForUpdate) {
    FAFNIR_RETURN_IF_ERROR(
        run("SELECT pg_advisory_xact_lock(hashtext('fafnir.reservation.' || $1))",
            {postgres_text(order_id)}));
  }
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Reservation> found,
                          select_reservations("WHERE order_id = $1", {postgres_text(order_id)}));
  return first_of(std::move(found));
}

Result<std::vector<Reservation>> PostgresPortfolioTransaction::reservations() {
  return select_reservations("ORDER BY order_id", {});
}

Result<std::size_t> PostgresPortfolioTransaction::count_reservations(std::string_view account_id) {
  FAFNIR_ASSIGN_OR_RETURN(PostgresResult rows,
                          db_.query("SELECT COUNT(*) FROM reservations WHERE account_id = $1",
                                    {postgres_text(account_id)}));
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t count, rows.int64(0, 0));
  return static_cast<std::size_t>(count);
}

Status PostgresPortfolioTransaction::save_reservation(const Reservation& reservation) {
  return run(
      "INSERT INTO reservations(order_id, account_id, symbol, cash, shares)"
      " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO UPDATE SET"
      " account_id = EXCLUDED.account_id, symbol = EXCLUDED.symbol, cash = EXCLUDED.cash,"
      " shares = EXCLUDED.shares",
      {reservation.order_id, reservation.account_id, reservation.symbol,
       postgres_int64(reservation.cash.micros()), postgres_int64(reservation.shares.micros())});
}

Status PostgresPortfolioTransaction::delete_reservation(std::string_view order_id) {
  return run("DELETE FROM reservations WHERE order_id = $1", {postgres_text(order_id)});
}

Result<bool> PostgresPortfolioTransaction::mark_fill_settled(std::string_view fill_id) {
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult inserted,
      db_.query("INSERT INTO settled_fills(fill_id) VALUES ($1) ON CONFLICT DO NOTHING",
                {postgres_text(fill_id)}));
  return inserted.affected_rows() == 0;
}

Status PostgresPortfolioTransaction::add_to_watchlist(std::string_view user_id,
                                                      const WatchlistItem& item) {
  return run(
      "INSERT INTO watchlist(user_id, symbol, added_at) VALUES ($1, $2, $3)"
      " ON CONFLICT DO NOTHING",
      {postgres_text(user_id), item.symbol, postgres_int64(item.added_at.micros)});
}

Status PostgresPortfolioTransaction::remove_from_watchlist(std::string_view user_id,
                                                           std::string_view symbol) {
  return run("DELETE FROM watchlist WHERE user_id = $1 AND symbol = $2",
             {postgres_text(user_id), postgres_text(symbol)});
}

Result<std::vector<WatchlistItem>> PostgresPortfolioTransaction::watchlist(
    std::string_view user_id) {
  FAFNIR_ASSIGN_OR_RETURN(PostgresResult rows,
                          db_.query("SELECT symbol, added_at FROM watchlist WHERE user_id = $1"
                                    " ORDER BY added_at, seq",
                                    {postgres_text(user_id)}));
  std::vector<WatchlistItem> items;
  items.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t added_at, rows.int64(row, 1));
    items.push_back({rows.text(row, 0), Timestamp{added_at}});
  }
  return items;
}

Status PostgresPortfolioTransaction::delete_user(std::string_view user_id) {
  FAFNIR_RETURN_IF_ERROR(run("DELETE FROM watchlist WHERE user_id = $1", {postgres_text(user_id)}));
  return run("DELETE FROM accounts WHERE user_id = $1", {postgres_text(user_id)});
}

}  // namespace fafnir
