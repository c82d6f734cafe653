#include "transports/cluster/postgres_order_store.h"

#include <string>

#include "transports/cluster/postgres_columns.h"
#include "transports/cluster/postgres_outbox.h"

namespace fafnir {
namespace {

// seq stands in for SQLite's rowid: it breaks ties in time by insertion.
const std::string kInitialSchema =
    std::string(
        "CREATE TABLE orders ("
        " id TEXT PRIMARY KEY,"
        " seq BIGSERIAL NOT NULL,"
        " user_id TEXT NOT NULL,"
        " account_id TEXT NOT NULL,"
        " symbol TEXT NOT NULL,"
        " side TEXT NOT NULL,"
        " type TEXT NOT NULL,"
        " time_in_force TEXT NOT NULL,"
        " status TEXT NOT NULL,"
        " quantity BIGINT NOT NULL,"
        " limit_price BIGINT,"
        " stop_price BIGINT,"
        " stop_triggered BOOLEAN NOT NULL,"
        " filled_quantity BIGINT NOT NULL,"
        " average_fill_price BIGINT NOT NULL,"
        " currency TEXT NOT NULL,"
        " account_currency TEXT NOT NULL,"
        " reserved_cash BIGINT NOT NULL,"
        " reason TEXT NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " updated_at BIGINT NOT NULL);"
        "CREATE INDEX orders_by_user ON orders(user_id, created_at, seq);"
        "CREATE INDEX open_orders ON orders(status)"
        " WHERE status IN ('PENDING', 'PARTIAL_FILL');") +
    std::string(kPostgresOutboxTableSql);

const Schema kOrderSchema{"order", {{1, "orders and outbox", kInitialSchema}}};

// Every column but seq, in the order order_params() binds them.
constexpr std::string_view kColumns =
    "SELECT id, user_id, account_id, symbol, side, type, time_in_force, status, quantity,"
    " limit_price, stop_price, stop_triggered, filled_quantity, average_fill_price, currency,"
    " account_currency, reserved_cash, reason, created_at, updated_at FROM orders ";

PostgresParam optional_price_param(const std::optional<Price>& price) {
  if (!price) return std::nullopt;
  return postgres_int64(price->micros());
}

// $1 is the id; $2..$20 the other columns, in the order of kColumns.
std::vector<PostgresParam> order_params(const Order& order) {
  return {order.id,
          order.user_id,
          order.account_id,
          order.symbol,
          postgres_text(order_side_name(order.side)),
          postgres_text(order_type_name(order.type)),
          postgres_text(time_in_force_name(order.time_in_force)),
          postgres_text(order_status_name(order.status)),
          postgres_int64(order.quantity.micros()),
          optional_price_param(order.limit_price),
          optional_price_param(order.stop_price),
          postgres_text(order.stop_triggered ? "true" : "false"),
          postgres_int64(order.filled_quantity.micros()),
          postgres_int64(order.average_fill_price.micros()),
          postgres_text(currency_code(order.currency)),
          postgres_text(currency_code(order.account_currency)),
          postgres_int64(order.reserved_cash.micros()),
          order.reject_reason,
          postgres_int64(order.created_at.micros),
          postgres_int64(order.updated_at.micros)};
}

Result<std::optional<Price>> optional_price(const PostgresResult& rows, int row, int column) {
  if (rows.is_null(row, column)) return std::optional<Price>();
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t micros, rows.int64(row, column));
  return std::optional<Price>(Price::from_micros(micros));
}

Result<Order> read_order(const PostgresResult& rows, int row) {
  Order order;
  order.id = rows.text(row, 0);
  order.user_id = rows.text(row, 1);
  order.account_id = rows.text(row, 2);
  order.symbol = rows.text(row, 3);
  FAFNIR_ASSIGN_OR_RETURN(order.side, postgres_enum(rows, row, 4, &parse_order_side));
  FAFNIR_ASSIGN_OR_RETURN(order.type, postgres_enum(rows, row, 5, &parse_order_type));
  FAFNIR_ASSIGN_OR_RETURN(order.time_in_force, postgres_enum(rows, row, 6, &parse_time_in_force));
  FAFNIR_ASSIGN_OR_RETURN(order.status, postgres_enum(rows, row, 7, &parse_order_status));
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t quantity, rows.int64(row, 8));
  order.quantity = Quantity::from_micros(quantity);
  FAFNIR_ASSIGN_OR_RETURN(order.limit_price, optional_price(rows, row, 9));
  FAFNIR_ASSIGN_OR_RETURN(order.stop_price, optional_price(rows, row, 10));
  order.stop_triggered = rows.text(row, 11) == "t";
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t filled, rows.int64(row, 12));
  order.filled_quantity = Quantity::from_micros(filled);
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t average, rows.int64(row, 13));
  order.average_fill_price = Price::from_micros(average);
  FAFNIR_ASSIGN_OR_RETURN(order.currency, postgres_enum(rows, row, 14, &parse_currency));
  FAFNIR_ASSIGN_OR_RETURN(order.account_currency, postgres_enum(rows, row, 15, &parse_currency));
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t reserved, rows.int64(row, 16));
  order.reserved_cash = Money::from_micros(reserved);
  order.reject_reason = rows.text(row, 17);
  FAFNIR_ASSIGN_OR_RETURN(order.created_at.micros, rows.int64(row, 18));
  FAFNIR_ASSIGN_OR_RETURN(order.updated_at.micros, rows.int64(row, 19));
  return order;
}

class PostgresOrderTransaction final : public OrderTransaction {
 public:
  explicit PostgresOrderTransaction(PostgresConnection& db) : db_(db) {}

  Result<std::optional<Order>> find(std::string_view order_id) override {
    FAFNIR_ASSIGN_OR_RETURN(
        PostgresResult rows,
        db_.query(std::string(kColumns) + "WHERE id = $1 FOR UPDATE", {postgres_text(order_id)}));
    FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> found, postgres_rows(rows, &read_order));
    return first_of(std::move(found));
  }

  Status insert(const Order& order) override {
    return db_
        .query(
            "INSERT INTO orders(id, user_id, account_id, symbol, side, type, time_in_force,"
            " status, quantity, limit_price, stop_price, stop_triggered, filled_quantity,"
            " average_fill_price, currency, account_currency, reserved_cash, reason,"
            " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
            " $12, $13, $14, $15, $16, $17, $18, $19, $20)",
            order_params(order))
        .status();
  }

  Status update(const Order& order) override {
    FAFNIR_ASSIGN_OR_RETURN(
        PostgresResult updated,
        db_.query("UPDATE orders SET user_id = $2, account_id = $3, symbol = $4, side = $5,"
                  " type = $6, time_in_force = $7, status = $8, quantity = $9,"
                  " limit_price = $10, stop_price = $11, stop_triggered = $12,"
                  " filled_quantity = $13, average_fill_price = $14, currency = $15,"
                  " account_currency = $16, reserved_cash = $17, reason = $18,"
                  " created_at = $19, updated_at = $20 WHERE id = $1",
                  order_params(order)));
    if (updated.affected_rows() == 0) return Status::NotFound("no order " + order.id);
    return Status::Ok();
  }

  Status publish(Event event) override { return append_to_postgres_outbox(db_, event); }

 private:
  PostgresConnection& db_;
};

}  // namespace

const Schema& PostgresOrderStore::schema() { return kOrderSchema; }

Status PostgresOrderStore::transact(const Work& work) {
  std::lock_guard lock(mutex_);
  return connection_->transaction([&](PostgresConnection& db) {
    PostgresOrderTransaction tx(db);
    return work(tx);
  });
}

Result<std::vector<Order>> PostgresOrderStore::select(std::string_view where_and_order,
                                                      const std::vector<PostgresParam>& params) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      connection_->query(std::string(kColumns) + std::string(where_and_order), params));
  return postgres_rows(rows, &read_order);
}

Result<std::optional<Order>> PostgresOrderStore::find(std::string_view order_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> found,
                          select("WHERE id = $1", {postgres_text(order_id)}));
  return first_of(std::move(found));
}

Result<std::vector<Order>> PostgresOrderStore::orders_of(std::string_view user_id) {
  return select("WHERE user_id = $1 ORDER BY created_at DESC, seq DESC", {postgres_text(user_id)});
}

Result<std::vector<Order>> PostgresOrderStore::open_orders() {
  return select("WHERE status IN ('PENDING', 'PARTIAL_FILL') ORDER BY created_at, seq");
}

Result<std::vector<Order>> PostgresOrderStore::open_day_orders() {
  return select(
      "WHERE status IN ('PENDING', 'PARTIAL_FILL') AND time_in_force = 'DAY'"
      " ORDER BY created_at, seq");
}

Result<std::vector<std::pair<OrderStatus, std::int64_t>>> PostgresOrderStore::count_by_status() {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      connection_->query("SELECT status, COUNT(*) FROM orders GROUP BY status"));
  std::vector<std::pair<OrderStatus, std::int64_t>> counts;
  for (int row = 0; row < rows.rows(); ++row) {
    FAFNIR_ASSIGN_OR_RETURN(OrderStatus status, postgres_enum(rows, row, 0, &parse_order_status));
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t count, rows.int64(row, 1));
    counts.emplace_back(status, count);
  }
  return counts;
}

Status PostgresOrderStore::delete_user(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  return connection_->query("DELETE FROM orders WHERE user_id = $1", {postgres_text(user_id)})
      .status();
}

}  // namespace fafnir
