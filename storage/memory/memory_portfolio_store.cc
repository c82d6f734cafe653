#include "storage/memory/memory_portfolio_store.h"

#include "storage/memory/memory_portfolio_transaction.h"

namespace fafnir {

Status MemoryPortfolioStore::transact(const Work& work) { return run(work, true); }

Status MemoryPortfolioStore::read(const Work& work) { return run(work, false); }

Status MemoryPortfolioStore::run(const Work& work, bool keep_writes) {
  std::lock_guard lock(mutex_);
  UndoLog undo;  // rolls back on destruction unless committed
  MemoryPortfolioTransaction tx(tables_, undo);
  FAFNIR_RETURN_IF_ERROR(work(tx));
  if (keep_writes) undo.commit();
  return Status::Ok();
}

}  // namespace fafnir
