#include "core/events/outbox_relay.h"

namespace fafnir {

Result<std::size_t> OutboxRelay::relay_pending() {
  constexpr std::size_t kBatch = 256;
  std::size_t relayed = 0;
  for (Outbox* outbox : outboxes_) {
    while (true) {
      FAFNIR_ASSIGN_OR_RETURN(std::vector<Event> batch, outbox->pending(kBatch));
      if (batch.empty()) break;
      FAFNIR_RETURN_IF_ERROR(stream_.publish(batch));
      std::vector<std::string> ids;
      ids.reserve(batch.size());
      for (Event& event : batch) ids.push_back(std::move(event.id));  // published: only ids needed
      FAFNIR_RETURN_IF_ERROR(outbox->remove(ids));
      relayed += batch.size();
      if (batch.size() < kBatch) break;
    }
  }
  return relayed;
}

}  // namespace fafnir
