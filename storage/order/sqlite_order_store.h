#pragma once

#include <memory>

#include "core/order/order_store.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// OrderStore over order.db (orders and the service's outbox). Thread-safe.
class SqliteOrderStore final : public OrderStore {
 public:
  static const Schema& schema();

  explicit SqliteOrderStore(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  Status transact(const Work& work) override;
  Result<std::optional<Order>> find(std::string_view order_id) override;
  Result<std::vector<Order>> orders_of(std::string_view user_id) override;
  Result<std::vector<Order>> open_orders() override;
  Result<std::vector<Order>> open_day_orders() override;
  Result<std::vector<std::pair<OrderStatus, std::int64_t>>> count_by_status() override;
  Status delete_user(std::string_view user_id) override;

 private:
  Result<std::vector<Order>> select(std::string_view where_and_order, std::string_view key = {});

  std::shared_ptr<SqliteDatabase> db_;
};

}  // namespace fafnir
