#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"

namespace fafnir {

// The security service's store: roles, their permissions, and each user's roles.
// Implementations are thread-safe; every write is idempotent.
class SecurityRepository {
 public:
  virtual ~SecurityRepository() = default;

  // NotFound when `role` is not a known role.
  virtual Status assign_role(std::string_view user_id, std::string_view role) = 0;
  virtual Status remove_user(std::string_view user_id) = 0;
  // Sorted by name; empty for an unknown user.
  virtual Result<std::vector<std::string>> roles_of(std::string_view user_id) = 0;
  virtual Result<std::vector<std::string>> permissions_of(std::string_view user_id) = 0;
};

}  // namespace fafnir
