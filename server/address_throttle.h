#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/auth/login_throttling.h"
#include "core/common/status.h"
#include "core/common/clock.h"

namespace fafnir {

// Failed logins per client address (in memory): after `free_failures` consecutive failures the
// address must wait, doubling with each further failure. Complements the per-email lockout of
// AuthService. Thread-safe.
class AddressThrottle {
 public:
  AddressThrottle(const Clock& clock, LoginThrottling policy) : clock_(clock), policy_(policy) {}

  // ResourceExhausted while `address` must wait.
  Status check(std::string_view address);
  void record_failure(std::string_view address);
  void record_success(std::string_view address);

 private:
  struct Failures {
    int count = 0;
    Timestamp locked_until;
  };
  static constexpr std::size_t kMaxTracked = 100'000;

  const Clock& clock_;
  LoginThrottling policy_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;
};

}  // namespace fafnir
