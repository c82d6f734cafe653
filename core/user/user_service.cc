#include "core/user/user_service.h"

#include "core/events/user_event_consumer.h"

namespace fafnir {

Result<Profile> UserService::profile(std::string_view user_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Profile> found, repository_.find(user_id));
  if (!found) return Status::NotFound("no profile for user " + std::string(user_id));
  return *found;
}

Disposition UserService::on_user_event(const Delivery& delivery) {
  return apply_user_event(
      delivery.event,
      {[&](const UserRegistered& user) {
         return repository_.add_if_absent(
             Profile{user.user_id, user.email, user.first_name, user.last_name, user.registered_at});
       },
       [&](const UserDeleted& user) { return repository_.remove(user.user_id); }});
}

}  // namespace fafnir
