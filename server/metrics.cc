#include "server/metrics.h"

#include <sstream>

namespace fafnir {

void HttpMetrics::record(const std::string& route, unsigned status,
                         std::chrono::nanoseconds latency) {
  {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
  }
  double seconds = std::chrono::duration<double>(latency).count();
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_nanos_.fetch_add(static_cast<std::uint64_t>(latency.count()), std::memory_order_relaxed);
}

std::string HttpMetrics::render(const std::vector<std::pair<OrderStatus, std::int64_t>>& orders,
                                const std::vector<ConsumerLag>& lags) const {
  std::ostringstream out;
  out << "# HELP fafnir_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE fafnir_http_requests_total counter\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_) {
      out << "fafnir_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
          << "\"} " << count << '\n';
    }
  }
  out << "# HELP fafnir_http_request_duration_seconds HTTP request latency.\n"
      << "# TYPE fafnir_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out << "fafnir_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
        << cumulative << '\n';
  }
  out << "fafnir_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_.load() << '\n'
      << "fafnir_http_request_duration_seconds_sum "
      << static_cast<double>(sum_nanos_.load()) / 1e9 << '\n'
      << "fafnir_http_request_duration_seconds_count " << count_.load() << '\n';
  out << "# HELP fafnir_orders Orders by status.\n# TYPE fafnir_orders gauge\n";
  for (const auto& [status, count] : orders) {
    out << "fafnir_orders{status=\"" << order_status_name(status) << "\"} " << count << '\n';
  }
  out << "# HELP fafnir_event_consumer_lag Events a consumer group has not yet handled.\n"
      << "# TYPE fafnir_event_consumer_lag gauge\n";
  for (const ConsumerLag& lag : lags) {
    out << "fafnir_event_consumer_lag{group=\"" << lag.group << "\"} " << lag.pending << '\n';
  }
  return out.str();
}

}  // namespace fafnir
