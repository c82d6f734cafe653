#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "core/security/security_repository.h"

namespace fafnir {

// SecurityRepository in memory: the roles and permissions of kRoleGrants and each user's roles.
// Thread-safe: one mutex guards everything.
class MemorySecurityRepository final : public SecurityRepository {
 public:
  MemorySecurityRepository();

  Status assign_role(std::string_view user_id, std::string_view role) override;
  Status remove_user(std::string_view user_id) override;
  Result<std::vector<std::string>> roles_of(std::string_view user_id) override;
  Result<std::vector<std::string>> permissions_of(std::string_view user_id) override;

 private:
  // Permissions by role; fixed after construction.
  std::map<std::string, std::set<std::string>, std::less<>> role_permissions_;
  std::mutex mutex_;
  std::map<std::string, std::set<std::string>, std::less<>> user_roles_;
};

}  // namespace fafnir
