#include "core/security/security_service.h"

#include <algorithm>

#include "core/events/user_event_consumer.h"
#include "core/security/permissions.h"

namespace fafnir {

Result<bool> SecurityService::has_permission(std::string_view user_id,
                                             std::string_view permission) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<std::string> granted, repository_.permissions_of(user_id));
  return std::find(granted.begin(), granted.end(), permission) != granted.end();
}

Status SecurityService::require(std::string_view user_id, std::string_view permission) {
  FAFNIR_ASSIGN_OR_RETURN(bool allowed, has_permission(user_id, permission));
  if (allowed) return Status::Ok();
  return Status::PermissionDenied("missing permission " + std::string(permission));
}

Result<std::vector<std::string>> SecurityService::roles_of(std::string_view user_id) {
  return repository_.roles_of(user_id);
}

Result<std::vector<std::string>> SecurityService::permissions_of(std::string_view user_id) {
  return repository_.permissions_of(user_id);
}

Disposition SecurityService::on_user_event(const Delivery& delivery) {
  return apply_user_event(
      delivery.event,
      {[&](const UserRegistered& user) { return repository_.assign_role(user.user_id, roles::kMember); },
       [&](const UserDeleted& user) { return repository_.remove_user(user.user_id); }});
}

}  // namespace fafnir
