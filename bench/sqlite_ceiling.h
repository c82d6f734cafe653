#pragma once

#include <cstddef>
#include <filesystem>

#include "core/common/status.h"

namespace fafnir {

// Orders per second that bare SQLite sustains for the writes of one order's lifecycle (order
// stored, cash reserved, order placed and filled with two outbox events, events relayed to the
// stream in batches, fill settled into account, ledger and holding), grouped into the same
// transactions as the core does, in fresh files under `dir` with the same pragmas.
Result<double> measure_sqlite_ceiling(std::size_t orders, const std::filesystem::path& dir);

}  // namespace fafnir
