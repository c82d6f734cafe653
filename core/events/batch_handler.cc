#include "core/events/event_stream.h"

namespace fafnir {

BatchHandler one_at_a_time(EventHandler handler) {
  return [handler = std::move(handler)](const std::vector<Delivery>& batch) {
    std::vector<Disposition> decisions;
    decisions.reserve(batch.size());
    for (const Delivery& delivery : batch) decisions.push_back(handler(delivery));
    return decisions;
  };
}

}  // namespace fafnir
