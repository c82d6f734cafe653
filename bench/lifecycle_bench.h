#pragma once

#include <cstddef>
#include <filesystem>

#include "core/common/status.h"

namespace fafnir {

struct LifecycleBenchResult {
  std::size_t orders = 0;
  double orders_per_second = 0;         // place -> fill -> settle through the core, durable
  double sqlite_ceiling_per_second = 0;  // plain SQLite doing the same writes, same transactions
};

// Places `orders` market buys through the core services on a fresh embedded data directory under
// `work_dir`, settling as it goes, checks every one filled and settled exactly once, then replays
// the writes that took with bare prepared statements to measure the ceiling.
Result<LifecycleBenchResult> run_lifecycle_bench(std::size_t orders,
                                                 const std::filesystem::path& work_dir);

}  // namespace fafnir
