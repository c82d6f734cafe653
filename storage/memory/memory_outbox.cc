#include "storage/memory/memory_outbox.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

namespace fafnir {

void MemoryOutbox::append(std::vector<Event> events) {
  std::lock_guard lock(mutex_);
  for (Event& event : events) events_.push_back(std::move(event));
}

Result<std::vector<Event>> MemoryOutbox::pending(std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::size_t count = std::min(limit, events_.size());
  return std::vector<Event>(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(count));
}

Status MemoryOutbox::remove(const std::vector<std::string>& event_ids) {
  std::lock_guard lock(mutex_);
  // The relay removes what pending() returned: the oldest events, in order.
  auto first_other = event_ids.begin();
  while (first_other != event_ids.end() && !events_.empty() && events_.front().id == *first_other) {
    events_.pop_front();
    ++first_other;
  }
  std::unordered_set<std::string_view> doomed(first_other, event_ids.end());
  if (!doomed.empty()) {
    std::erase_if(events_, [&](const Event& event) { return doomed.erase(event.id) > 0; });
  }
  return Status::Ok();
}

}  // namespace fafnir
