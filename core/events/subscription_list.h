#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

#include "core/common/status.h"
#include "core/events/event_stream.h"

namespace fafnir {

// The consumer groups subscribed to one EventStream, each with its handler, and the serialization
// of dispatch() over them: what every EventStream implementation keeps alike. Thread-safe; a group
// may be subscribed while a dispatch runs (it is served from the next dispatch on).
class SubscriptionList {
 public:
  struct Subscription {
    ConsumerConfig config;
    BatchHandler handler;
  };

  // Adds the group after `open_group` (which creates the group's state, positioned at the start of
  // the stream, unless it exists) succeeds. InvalidArgument for a configuration without a group
  // name, subjects or max_deliveries >= 1; AlreadyExists for a group already subscribed; else
  // what `open_group` returned.
  Status add(ConsumerConfig config, BatchHandler handler,
             const std::function<Status(const ConsumerConfig&)>& open_group);

  // Calls `serve` for each group subscribed so far, in subscription order, and returns the sum of
  // what they returned, or the first error. One dispatch at a time: concurrent calls wait.
  Result<std::size_t> dispatch(
      const std::function<Result<std::size_t>(const Subscription&)>& serve);

 private:
  std::mutex mutex_;
  std::deque<Subscription> subscriptions_;  // stable addresses while a dispatch runs
  std::mutex dispatch_mutex_;
};

}  // namespace fafnir
