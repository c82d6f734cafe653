#include "server/address_throttle.h"

#include <algorithm>

namespace fafnir {

Status AddressThrottle::check(std::string_view address) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(std::string(address));
  Timestamp now = clock_.now();
  if (it == failures_.end() || it->second.locked_until <= now) return Status::Ok();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(it->second.locked_until - now);
  return Status::ResourceExhausted("too many failed logins from this address; try again in " +
                                   std::to_string(std::max<std::int64_t>(1, seconds.count())) +
                                   " s");
}

void AddressThrottle::record_failure(std::string_view address) {
  std::lock_guard lock(mutex_);
  if (failures_.size() >= kMaxTracked) failures_.clear();
  Failures& failures = failures_[std::string(address)];
  ++failures.count;
  if (std::optional<Duration> lockout = policy_.lockout_after(failures.count)) {
    failures.locked_until = clock_.now() + *lockout;
  }
}

void AddressThrottle::record_success(std::string_view address) {
  std::lock_guard lock(mutex_);
  failures_.erase(std::string(address));
}

}  // namespace fafnir
