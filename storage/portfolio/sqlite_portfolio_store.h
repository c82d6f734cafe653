#pragma once

#include <memory>

#include "core/portfolio/portfolio_store.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// PortfolioStore over portfolio.db. Thread-safe.
class SqlitePortfolioStore final : public PortfolioStore {
 public:
  static const Schema& schema();

  explicit SqlitePortfolioStore(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  Status transact(const Work& work) override;
  Status read(const Work& work) override;

 private:
  std::shared_ptr<SqliteDatabase> db_;
};

}  // namespace fafnir
