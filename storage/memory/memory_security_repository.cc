#include "storage/memory/memory_security_repository.h"

#include "core/security/permissions.h"

namespace fafnir {

MemorySecurityRepository::MemorySecurityRepository() {
  for (const RoleGrant& grant : kRoleGrants) {
    role_permissions_[std::string(grant.role)].emplace(grant.permission);
  }
}

Status MemorySecurityRepository::assign_role(std::string_view user_id, std::string_view role) {
  auto known = role_permissions_.find(role);
  if (known == role_permissions_.end()) return Status::NotFound("no role " + std::string(role));
  std::lock_guard lock(mutex_);
  user_roles_[std::string(user_id)].insert(known->first);
  return Status::Ok();
}

Status MemorySecurityRepository::remove_user(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  if (auto user = user_roles_.find(user_id); user != user_roles_.end()) user_roles_.erase(user);
  return Status::Ok();
}

Result<std::vector<std::string>> MemorySecurityRepository::roles_of(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  auto user = user_roles_.find(user_id);
  if (user == user_roles_.end()) return std::vector<std::string>();
  return std::vector<std::string>(user->second.begin(), user->second.end());
}

Result<std::vector<std::string>> MemorySecurityRepository::permissions_of(
    std::string_view user_id) {
  std::lock_guard lock(mutex_);
  std::set<std::string> granted;
  if (auto user = user_roles_.find(user_id); user != user_roles_.end()) {
    for (const std::string& role : user->second) {
      const std::set<std::string>& permissions = role_permissions_.at(role);
      granted.insert(permissions.begin(), permissions.end());
    }
  }
  return std::vector<std::string>(granted.begin(), granted.end());
}

}  // namespace fafnir
