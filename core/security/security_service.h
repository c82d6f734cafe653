#pragma once

#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/events/event_stream.h"
#include "core/security/security_repository.h"

namespace fafnir {

// Role-based access control. Thread-safe. Permission checks are answered from memory once a user's
// roles are known: roles change only when a user registers (gains `member`, whatever the node) or
// is deleted (forgotten here, and refused at authentication everywhere), so a remembered,
// non-empty permission set never grants more than the store would.
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
  // The user's permissions, from memory when known.
  Result<std::shared_ptr<const std::vector<std::string>>> granted(std::string_view user_id);
  void forget(std::string_view user_id);

  SecurityRepository& repository_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const std::vector<std::string>>> granted_;
};

}  // namespace fafnir
