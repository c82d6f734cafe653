#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/timestamp.h"
#include "core/events/event_stream.h"

namespace fafnir {

// The decisions every EventStream implementation makes alike, so that they differ only in where
// they keep the log, the cursors, the retries and the dead letters.

// How long a delivery waits when its handler threw or answered for the wrong number of deliveries.
inline constexpr Duration kRetryAfterHandlerFailure = std::chrono::seconds(1);

// True when one of `config`'s subject filters matches `subject`.
bool wants(const ConsumerConfig& config, std::string_view subject);

// `handler`'s decision on each delivery of `batch`, in order. A handler that throws, or that
// decides a different number of deliveries, has every delivery retried after
// kRetryAfterHandlerFailure with the failure as the reason. Never throws.
std::vector<Disposition> decide(const BatchHandler& handler, const std::vector<Delivery>& batch);

// What becomes of one delivery once its handler decided.
struct Verdict {
  enum class Kind {
    kDone,        // acknowledged: forget any retry
    kRetry,       // deliver again at `due_at`; the delivery counts as `attempt` attempts so far
    kDeadLetter,  // never again: kept as a dead letter with `reason`
  };
  Kind kind = Kind::kDone;
  Timestamp due_at;
  std::string reason;
};

// The verdict on `disposition` for the `attempt`-th delivery to a group allowing `max_deliveries`,
// decided at `now`. A retry asked on the last allowed attempt becomes a dead letter whose reason
// says so ("gave up after 5 attempts: <reason>").
Verdict judge(const Disposition& disposition, int attempt, int max_deliveries, Timestamp now);

}  // namespace fafnir
