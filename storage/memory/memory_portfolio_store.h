#pragma once

#include <mutex>

#include "core/portfolio/portfolio_store.h"
#include "storage/memory/memory_portfolio_tables.h"

namespace fafnir {

// PortfolioStore in memory (see MemoryPortfolioTransaction for the constraints it keeps). Units of
// work run one at a time under the store's lock and write in place with an undo log: a unit whose
// work fails (or throws) is rolled back before the lock is released. Thread-safe; the work must
// not call the store.
class MemoryPortfolioStore final : public PortfolioStore {
 public:
  Status transact(const Work& work) override;
  // Like transact(), except that whatever `work` writes is rolled back.
  Status read(const Work& work) override;

 private:
  Status run(const Work& work, bool keep_writes);

  std::mutex mutex_;
  MemoryPortfolioTables tables_;
};

}  // namespace fafnir
