#include "core/events/user_event_consumer.h"

#include "core/events/handler_outcome.h"

namespace fafnir {

Disposition apply_user_event(const Event& event, const UserEventActions& actions) {
  if (event.subject == subjects::kUsersRegistered) {
    Result<UserRegistered> registered = UserRegistered::from_event(event);
    if (!registered.ok()) return disposition_for(registered.status());
    return disposition_for(actions.on_registered(*registered));
  }
  if (event.subject == subjects::kUsersDeleted) {
    Result<UserDeleted> deleted = UserDeleted::from_event(event);
    if (!deleted.ok()) return disposition_for(deleted.status());
    return disposition_for(actions.on_deleted(*deleted));
  }
  return Disposition::Ack();
}

}  // namespace fafnir
