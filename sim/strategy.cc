#include "sim/strategy.h"

namespace fafnir {

Quantity affordable_shares(Money cash, Price price) {
  if (!cash.is_positive()) return Quantity();
  return Quantity::from_micros(cash.micros() / price.micros() * kMicrosPerUnit);
}

Money percent_of(Money money, std::int64_t percent) {
  return Money::from_micros(money.micros() / 100 * percent);
}

}  // namespace fafnir
