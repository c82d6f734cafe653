#pragma once

#include <memory>
#include <mutex>

#include "core/order/order_store.h"
#include "storage/sqlite/migration.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// OrderStore over the `order` schema of a PostgreSQL database: the tables of SqliteOrderStore
// (orders and the service's outbox), shared by every node. A unit of work is one PostgreSQL
// transaction: its orders and the events it publishes commit together or not at all, and every
// order a unit finds stays locked (SELECT ... FOR UPDATE) until the unit ends, so two nodes
// updating one order take turns. A unit that fails is rolled back and returns its error; a
// deadlock or serialization failure between nodes is ResourceExhausted (retry the unit).
// Thread-safe: calls take turns on one connection.
class PostgresOrderStore final : public OrderStore {
 public:
  // The migrations of the order schema (apply with migrate_postgres_schema).
  static const Schema& schema();

  // REQUIRES: `connection` resolves unqualified names to the migrated order schema.
  explicit PostgresOrderStore(std::unique_ptr<PostgresConnection> connection)
      : connection_(std::move(connection)) {}

  Status transact(const Work& work) override;
  Result<std::optional<Order>> find(std::string_view order_id) override;
  Result<std::vector<Order>> orders_of(std::string_view user_id) override;
  Result<std::vector<Order>> open_orders() override;
  Result<std::vector<Order>> open_day_orders() override;
  Result<std::vector<std::pair<OrderStatus, std::int64_t>>> count_by_status() override;
  Status delete_user(std::string_view user_id) override;

 private:
  Result<std::vector<Order>> select(std::string_view where_and_order,
                                    const std::vector<PostgresParam>& params = {});

  std::mutex mutex_;  // guards connection_
  std::unique_ptr<PostgresConnection> connection_;
};

}  // namespace fafnir
