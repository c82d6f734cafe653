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
  // Plain SQLite doing the same writes with one commit per order: the reservations written at
  // settlement (ReservationCommit::kWithSettlement): about the most a design that reserves cash
  // without a commit of its own could reach on this disk.
  double sqlite_one_commit_per_second = 0;
};

// Places `orders` market buys through the core services on a fresh embedded data directory under
// `work_dir`, from `clients` threads (one user and account each) while another thread settles
// after every kOrdersPerSettlement orders, as the ceiling does, and checks every order filled and
// settled exactly once. Measures both SQLite references (measure_sqlite_ceiling) before and after.
Result<LifecycleBenchResult> run_lifecycle_bench(std::size_t orders, std::size_t clients,
                                                 const std::filesystem::path& work_dir);

}  // namespace fafnir
