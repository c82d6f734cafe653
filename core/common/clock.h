#pragma once

#include <atomic>

#include "core/common/timestamp.h"

namespace fafnir {

// The one source of time. Everything that needs "now" is handed a Clock&.
// Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

// Wall-clock UTC time. The only place in fafnir that reads the system clock.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// Wall time running `speed` times faster from the moment of construction (speed 1: wall time).
class AcceleratedClock final : public Clock {
 public:
  // REQUIRES: speed > 0.
  explicit AcceleratedClock(double speed) : speed_(speed), origin_(wall_.now()) {}
  Timestamp now() const override;

 private:
  SystemClock wall_;
  double speed_;
  Timestamp origin_;
};

// Time that moves only when told: simulated markets, the CLI, tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start.micros) {}

  Timestamp now() const override { return {now_.load(std::memory_order_acquire)}; }
  void set(Timestamp t) { now_.store(t.micros, std::memory_order_release); }
  void advance(Duration d) { now_.fetch_add(d.count(), std::memory_order_acq_rel); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace fafnir
