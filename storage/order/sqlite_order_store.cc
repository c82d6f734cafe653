#include "storage/order/sqlite_order_store.h"

#include <string>

#include "storage/sqlite/enum_column.h"
#include "storage/sqlite/sqlite_outbox.h"

namespace fafnir {
namespace {

const std::string kInitialSchema =
    std::string(
        "CREATE TABLE orders ("
        " id TEXT PRIMARY KEY,"
        " user_id TEXT NOT NULL,"
        " account_id TEXT NOT NULL,"
        " symbol TEXT NOT NULL,"
        " side TEXT NOT NULL,"
        " type TEXT NOT NULL,"
        " time_in_force TEXT NOT NULL,"
        " status TEXT NOT NULL,"
        " quantity INTEGER NOT NULL,"
        " limit_price INTEGER,"
        " stop_price INTEGER,"
        " stop_triggered INTEGER NOT NULL,"
        " filled_quantity INTEGER NOT NULL,"
        " average_fill_price INTEGER NOT NULL,"
        " currency TEXT NOT NULL,"
        " account_currency TEXT NOT NULL,"
        " reserved_cash INTEGER NOT NULL,"
        " reason TEXT NOT NULL,"
        " created_at INTEGER NOT NULL,"
        " updated_at INTEGER NOT NULL);"
        "CREATE INDEX orders_by_user ON orders(user_id, created_at);"
        "CREATE INDEX open_orders ON orders(status)"
        " WHERE status IN ('PENDING', 'PARTIAL_FILL');") +
    std::string(kOutboxTableSql);

const Schema kOrderSchema{"order", {{1, "orders and outbox", kInitialSchema}}};

constexpr std::string_view kColumns =
    "SELECT id, user_id, account_id, symbol, side, type, time_in_force, status, quantity,"
    " limit_price, stop_price, stop_triggered, filled_quantity, average_fill_price, currency,"
    " account_currency, reserved_cash, reason, created_at, updated_at FROM orders ";

std::optional<Price> optional_price(const SqliteStatement& row, int column) {
  if (row.column_is_null(column)) return std::nullopt;
  return Price::from_micros(row.column_int64(column));
}

Order read_order(const SqliteStatement& row) {
  Order order;
  order.id = row.column_text(0);
  order.user_id = row.column_text(1);
  order.account_id = row.column_text(2);
  order.symbol = row.column_text(3);
  order.side = enum_column(row, 4, &parse_order_side);
  order.type = enum_column(row, 5, &parse_order_type);
  order.time_in_force = enum_column(row, 6, &parse_time_in_force);
  order.status = enum_column(row, 7, &parse_order_status);
  order.quantity = Quantity::from_micros(row.column_int64(8));
  order.limit_price = optional_price(row, 9);
  order.stop_price = optional_price(row, 10);
  order.stop_triggered = row.column_int64(11) != 0;
  order.filled_quantity = Quantity::from_micros(row.column_int64(12));
  order.average_fill_price = Price::from_micros(row.column_int64(13));
  order.currency = enum_column(row, 14, &parse_currency);
  order.account_currency = enum_column(row, 15, &parse_currency);
  order.reserved_cash = Money::from_micros(row.column_int64(16));
  order.reject_reason = row.column_text(17);
  order.created_at = Timestamp{row.column_int64(18)};
  order.updated_at = Timestamp{row.column_int64(19)};
  return order;
}

// Binds every column but the id to parameters 1..19, in the order of kColumns.
void bind_mutable(SqliteStatement& statement, const Order& order) {
  statement.bind(1, order.user_id)
      .bind(2, order.account_id)
      .bind(3, order.symbol)
      .bind(4, order_side_name(order.side))
      .bind(5, order_type_name(order.type))
      .bind(6, time_in_force_name(order.time_in_force))
      .bind(7, order_status_name(order.status))
      .bind(8, order.quantity.micros())
      .bind(11, std::int64_t{order.stop_triggered})
      .bind(12, order.filled_quantity.micros())
      .bind(13, order.average_fill_price.micros())
      .bind(14, currency_code(order.currency))
      .bind(15, currency_code(order.account_currency))
      .bind(16, order.reserved_cash.micros())
      .bind(17, order.reject_reason)
      .bind(18, order.created_at.micros)
      .bind(19, order.updated_at.micros);
  if (order.limit_price) {
    statement.bind(9, order.limit_price->micros());
  } else {
    statement.bind_null(9);
  }
  if (order.stop_price) {
    statement.bind(10, order.stop_price->micros());
  } else {
    statement.bind_null(10);
  }
}

class SqliteOrderTransaction final : public OrderTransaction {
 public:
  explicit SqliteOrderTransaction(SqliteDatabase& db) : db_(db) {}

  Result<std::optional<Order>> find(std::string_view order_id) override {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                            db_.prepare(std::string(kColumns) + "WHERE id = ?"));
    std::optional<Order> found;
    FAFNIR_RETURN_IF_ERROR(query.bind(1, order_id).for_each_row(
        [&](const SqliteStatement& row) { found = read_order(row); }));
    return found;
  }

  Status insert(const Order& order) override {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement statement,
        db_.prepare("INSERT INTO orders(user_id, account_id, symbol, side, type, time_in_force,"
                    " status, quantity, limit_price, stop_price, stop_triggered, filled_quantity,"
                    " average_fill_price, currency, account_currency, reserved_cash, reason, created_at,"
                    " updated_at, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    bind_mutable(statement, order);
    return statement.bind(20, order.id).run();
  }

  Status update(const Order& order) override {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement statement,
        db_.prepare("UPDATE orders SET user_id = ?, account_id = ?, symbol = ?, side = ?,"
                    " type = ?, time_in_force = ?, status = ?, quantity = ?, limit_price = ?,"
                    " stop_price = ?, stop_triggered = ?, filled_quantity = ?,"
                    " average_fill_price = ?, currency = ?, account_currency = ?, reserved_cash = ?,"
                    " reason = ?, created_at = ?, updated_at = ? WHERE id = ?"));
    bind_mutable(statement, order);
    FAFNIR_RETURN_IF_ERROR(statement.bind(20, order.id).run());
    if (statement.changes() == 0) return Status::NotFound("no order " + order.id);
    return Status::Ok();
  }

  Status publish(Event event) override { return append_to_outbox(db_, event); }

 private:
  SqliteDatabase& db_;
};

}  // namespace

const Schema& SqliteOrderStore::schema() { return kOrderSchema; }

Status SqliteOrderStore::transact(const Work& work) {
  return db_->transaction([&](SqliteDatabase& db) {
    SqliteOrderTransaction tx(db);
    return work(tx);
  });
}

Result<std::optional<Order>> SqliteOrderStore::find(std::string_view order_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> found, select("WHERE id = ?", order_id));
  if (found.empty()) return std::optional<Order>();
  return std::optional<Order>(std::move(found.front()));
}

Result<std::vector<Order>> SqliteOrderStore::select(std::string_view where_and_order,
                                                    std::string_view key) {
  std::vector<Order> orders;
  FAFNIR_RETURN_IF_ERROR(db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                            db.prepare(std::string(kColumns) + std::string(where_and_order)));
    if (!key.empty()) query.bind(1, key);
    return query.for_each_row(
        [&](const SqliteStatement& row) { orders.push_back(read_order(row)); });
  }));
  return orders;
}

Result<std::vector<Order>> SqliteOrderStore::orders_of(std::string_view user_id) {
  return select("WHERE user_id = ? ORDER BY created_at DESC, rowid DESC", user_id);
}

Result<std::vector<Order>> SqliteOrderStore::open_orders() {
  return select("WHERE status IN ('PENDING', 'PARTIAL_FILL') ORDER BY created_at, rowid");
}

Result<std::vector<Order>> SqliteOrderStore::open_day_orders() {
  return select("WHERE status IN ('PENDING', 'PARTIAL_FILL') AND time_in_force = 'DAY'"
                " ORDER BY created_at, rowid");
}

Result<std::vector<std::pair<OrderStatus, std::int64_t>>> SqliteOrderStore::count_by_status() {
  std::vector<std::pair<OrderStatus, std::int64_t>> counts;
  FAFNIR_RETURN_IF_ERROR(db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                            db.prepare("SELECT status, COUNT(*) FROM orders GROUP BY status"));
    return query.for_each_row([&](const SqliteStatement& row) {
      counts.emplace_back(enum_column(row, 0, &parse_order_status), row.column_int64(1));
    });
  }));
  return counts;
}

Status SqliteOrderStore::delete_user(std::string_view user_id) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement erase,
                            db.prepare("DELETE FROM orders WHERE user_id = ?"));
    return erase.bind(1, user_id).run();
  });
}

}  // namespace fafnir
