#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/events/event_stream.h"
#include "core/security/security_repository.h"

namespace fafnir {

// Role-based access control. Thread-safe.
class SecurityService {
 public:
  explicit SecurityService(SecurityRepository& repository) : repository_(repository) {}

  Result<bool> has_permission(std::string_view user_id, std::string_view permission);
  // PermissionDenied naming the permission when the user lacks it.
  Status require(std::string_view user_id, std::string_view permission);
  Result<std::vector<std::string>> roles_of(std::string_view user_id);
  Result<std::vector<std::string>> permissions_of(std::string_view user_id);

  // Consumer of users.registered (grants `member`) and users.deleted (removes the user).
  Disposition on_user_event(const Delivery& delivery);

 private:
  SecurityRepository& repository_;
};

}  // namespace fafnir
