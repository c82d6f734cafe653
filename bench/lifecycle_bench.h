#pragma once

#include <cstddef>
#include <filesystem>

#include "core/common/status.h"

namespace fafnir {

struct LifecycleBenchResult {
  std::size_t orders = 0;
  std::size_t clients = 0;
  double orders_per_second = 0;         // place -> fill -> settle through the core, durable
  double sqlite_ceiling_per_second = 0;  // plain SQLite doing the same writes, same transactions
};

// Places `orders` market buys through the core services on a fresh embedded data directory under
// `work_dir`, from `clients` threads (one user and account each) while another thread settles
// after every kOrdersPerSettlement orders, as the ceiling does; checks every order filled and settled exactly once, then replays the writes
// that took with bare prepared statements to measure the ceiling.
Result<LifecycleBenchResult> run_lifecycle_bench(std::size_t orders, std::size_t clients,
                                                 const std::filesystem::path& work_dir);

}  // namespace fafnir
