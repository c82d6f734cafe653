#pragma once

#include <cstddef>
#include <filesystem>

#include "core/common/status.h"

namespace fafnir {

// Orders placed between two settlements in both the ceiling and the core's run.
inline constexpr std::size_t kOrdersPerSettlement = 256;

// Where the ceiling writes each order's cash reservation.
enum class ReservationCommit {
  kBeforeOrder,     // in its own portfolio.db commit before the order's, as fafnir does
  kWithSettlement,  // in the settlement transaction: one durable commit per order, the order's
};

// Orders per second that bare SQLite sustains for the writes of one market order's lifecycle,
// grouped into the same transactions as the core: cash reserved (portfolio.db, or at settlement
// with ReservationCommit::kWithSettlement); the order stored filled with its orders.created and
// orders.filled outbox events (order.db), `orders_per_commit` orders per commit in each file (the
// most the core's group commit can reach with that many concurrent clients, so the ceiling is
// never understated); per kOrdersPerSettlement orders, events copied to the stream and removed
// from the outbox, fills settled into account, ledger and holding in one transaction, and consumer
// cursors advanced. Fresh files under `dir`, with the same pragmas as fafnir's SQLite layer.
Result<double> measure_sqlite_ceiling(std::size_t orders, std::size_t orders_per_commit,
                                      ReservationCommit reservations,
                                      const std::filesystem::path& dir);

}  // namespace fafnir
