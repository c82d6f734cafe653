#pragma once

#include <string>

#include "core/common/status.h"
#include "core/events/event.h"

namespace fafnir {

// Payload of `users.registered`.
struct UserRegistered {
  std::string user_id;
  std::string email;
  std::string first_name;
  std::string last_name;
  Timestamp registered_at;

  Event to_event(std::string event_id) const;
  // InvalidArgument when the payload is not a well-formed users.registered message.
  static Result<UserRegistered> from_event(const Event& event);
};

// Payload of `users.deleted`.
struct UserDeleted {
  std::string user_id;
  Timestamp deleted_at;

  Event to_event(std::string event_id) const;
  static Result<UserDeleted> from_event(const Event& event);
};

}  // namespace fafnir
