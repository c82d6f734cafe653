#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/events/event_stream.h"
#include "core/order/order.h"

namespace fafnir {

// Request counters and a latency histogram for /metrics. Thread-safe.
class HttpMetrics {
 public:
  void record(const std::string& route, unsigned status, std::chrono::nanoseconds latency);

  // The Prometheus text exposition of the requests, plus the given gauges.
  std::string render(const std::vector<std::pair<OrderStatus, std::int64_t>>& orders,
                     const std::vector<ConsumerLag>& lags) const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1,    2.5};

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_nanos_{0};
};

}  // namespace fafnir
