#include "core/common/clock.h"

#include <chrono>

namespace fafnir {

Timestamp SystemClock::now() const {
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return {std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

Timestamp AcceleratedClock::now() const {
  if (speed_ == 1.0) return wall_.now();
  double elapsed = static_cast<double>((wall_.now() - origin_).count()) * speed_;
  return origin_ + Duration(static_cast<std::int64_t>(elapsed));
}

}  // namespace fafnir
