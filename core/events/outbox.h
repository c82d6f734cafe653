#pragma once

#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/events/event.h"

namespace fafnir {

// The events a service committed together with its state change (transactional outbox), waiting
// to be copied to the stream. Implementations live beside the service's own store and are
// thread-safe.
class Outbox {
 public:
  virtual ~Outbox() = default;

  // Up to `limit` pending events, oldest first.
  virtual Result<std::vector<Event>> pending(std::size_t limit) = 0;

  // Forgets events that have been published. Unknown ids are ignored.
  virtual Status remove(const std::vector<std::string>& event_ids) = 0;
};

}  // namespace fafnir
