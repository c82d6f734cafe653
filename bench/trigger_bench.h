#pragma once

#include <cstddef>

#include "core/common/status.h"

namespace fafnir {

struct TriggerBenchResult {
  std::size_t resting_orders = 0;
  std::size_t ticks = 0;
  double ticks_per_second = 0;
  double bytes_per_resting_order = 0;  // heap growth of the index divided by its orders
};

// Rests `resting_orders` limit orders (buys below, sells above the market) over 40 symbols in a
// TriggerIndex, then times price ticks that cross none of them.
Result<TriggerBenchResult> run_trigger_bench(std::size_t resting_orders, std::size_t ticks);

}  // namespace fafnir
