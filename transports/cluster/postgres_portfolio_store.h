#pragma once

#include <memory>
#include <mutex>

#include "core/portfolio/portfolio_store.h"
#include "storage/sqlite/migration.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// PortfolioStore over the `portfolio` schema of a PostgreSQL database: the tables, keys and CHECK
// constraints of SqlitePortfolioStore, shared by every node. transact() runs a unit as one
// PostgreSQL transaction that locks every account, holding and reservation the unit reads
// (SELECT ... FOR UPDATE; a reservation's order id even before it exists), so units on different
// nodes that touch the same rows take turns; a unit that fails is rolled back and returns its
// error, and a deadlock or serialization failure between nodes is ResourceExhausted (retry the
// unit). read() runs a unit in a read-only REPEATABLE READ transaction: one consistent snapshot, no
// locks. Constraint violations are AlreadyExists. Thread-safe: calls take turns on one connection.
class PostgresPortfolioStore final : public PortfolioStore {
 public:
  // The migrations of the portfolio schema (apply with migrate_postgres_schema).
  static const Schema& schema();

  // REQUIRES: `connection` resolves unqualified names to the migrated portfolio schema.
  explicit PostgresPortfolioStore(std::unique_ptr<PostgresConnection> connection)
      : connection_(std::move(connection)) {}

  Status transact(const Work& work) override;
  Status read(const Work& work) override;

 private:
  std::mutex mutex_;  // guards connection_
  std::unique_ptr<PostgresConnection> connection_;
};

}  // namespace fafnir
