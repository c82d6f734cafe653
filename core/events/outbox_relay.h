#pragma once

#include <vector>

#include "core/events/event_stream.h"
#include "core/events/outbox.h"

namespace fafnir {

// Copies committed outbox events to the stream, then removes them from the outbox. A crash in
// between publishes an event twice, which the stream's de-duplication by id absorbs.
// Not thread-safe: one relay per process, driven by one thread at a time.
class OutboxRelay {
 public:
  // Does not take ownership; all must outlive the relay.
  OutboxRelay(std::vector<Outbox*> outboxes, EventStream& stream)
      : outboxes_(std::move(outboxes)), stream_(stream) {}

  // Relays everything pending now. Returns the number of events relayed.
  Result<std::size_t> relay_pending();

 private:
  std::vector<Outbox*> outboxes_;
  EventStream& stream_;
};

}  // namespace fafnir
