#pragma once

#include <functional>

#include "core/events/event_stream.h"
#include "core/events/user_events.h"

namespace fafnir {

// What a service does on each users.* event; both must be idempotent.
struct UserEventActions {
  std::function<Status(const UserRegistered&)> on_registered;
  std::function<Status(const UserDeleted&)> on_deleted;
};

// Decodes `event` and applies the matching action. Ack on success and for other subjects, give up
// on a malformed payload, retry later on other failures.
Disposition apply_user_event(const Event& event, const UserEventActions& actions);

}  // namespace fafnir
