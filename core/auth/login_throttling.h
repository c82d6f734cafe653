#pragma once

#include <algorithm>
#include <optional>

#include "core/common/timestamp.h"

namespace fafnir {

// How repeated failed logins are slowed down.
struct LoginThrottling {
  int free_failures = 5;                              // failures before attempts are refused
  Duration first_lockout = std::chrono::seconds(30);  // doubles with each further failure
  Duration max_lockout = std::chrono::minutes(15);

  // How long to refuse attempts after `consecutive_failures`; nullopt while still free.
  std::optional<Duration> lockout_after(int consecutive_failures) const {
    int beyond_free = consecutive_failures - free_failures;
    if (beyond_free < 0) return std::nullopt;
    Duration lockout = first_lockout;
    for (int i = 0; i < beyond_free && lockout < max_lockout; ++i) lockout *= 2;
    return std::min(lockout, max_lockout);
  }
};

}  // namespace fafnir
