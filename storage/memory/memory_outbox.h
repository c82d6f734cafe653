#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "core/events/outbox.h"

namespace fafnir {

// The Outbox of a service whose store lives in memory. The store appends the events of each unit
// of work as it commits it, so the outbox holds exactly the events of committed units, in commit
// order. Thread-safe.
class MemoryOutbox final : public Outbox {
 public:
  // Adds the events of one committed unit, in order.
  void append(std::vector<Event> events);

  Result<std::vector<Event>> pending(std::size_t limit) override;
  Status remove(const std::vector<std::string>& event_ids) override;

 private:
  std::mutex mutex_;
  std::deque<Event> events_;  // oldest first
};

}  // namespace fafnir
