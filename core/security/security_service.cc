#include "core/security/security_service.h"

#include <algorithm>
#include <mutex>

#include "core/events/user_event_consumer.h"
#include "core/security/permissions.h"

namespace fafnir {

namespace {

constexpr std::size_t kRememberedUsers = 100'000;

}  // namespace

Result<std::shared_ptr<const std::vector<std::string>>> SecurityService::granted(
    std::string_view user_id) {
  std::string key(user_id);
  {
    std::shared_lock lock(mutex_);
    if (auto it = granted_.find(key); it != granted_.end()) return it->second;
  }
  FAFNIR_ASSIGN_OR_RETURN(std::vector<std::string> loaded, repository_.permissions_of(user_id));
  auto permissions = std::make_shared<const std::vector<std::string>>(std::move(loaded));
  if (permissions->empty()) return permissions;  // roles may not be assigned yet
  std::unique_lock lock(mutex_);
  if (granted_.size() >= kRememberedUsers) granted_.clear();
  granted_.emplace(std::move(key), permissions);
  return permissions;
}

void SecurityService::forget(std::string_view user_id) {
  std::unique_lock lock(mutex_);
  granted_.erase(std::string(user_id));
}

Result<bool> SecurityService::has_permission(std::string_view user_id,
                                             std::string_view permission) {
  FAFNIR_ASSIGN_OR_RETURN(std::shared_ptr<const std::vector<std::string>> permissions,
                          granted(user_id));
  return std::find(permissions->begin(), permissions->end(), permission) != permissions->end();
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
      {[&](const UserRegistered& user) {
         Status assigned = repository_.assign_role(user.user_id, roles::kMember);
         forget(user.user_id);
         return assigned;
       },
       [&](const UserDeleted& user) {
         Status removed = repository_.remove_user(user.user_id);
         forget(user.user_id);
         return removed;
       }});
}

}  // namespace fafnir
