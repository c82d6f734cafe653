#pragma once

#include <string_view>

#include "core/events/event_stream.h"
#include "core/user/profile_repository.h"

namespace fafnir {

// User profiles. Thread-safe.
class UserService {
 public:
  explicit UserService(ProfileRepository& repository) : repository_(repository) {}

  // NotFound when the user has no profile (unknown, deleted, or not yet handled).
  Result<Profile> profile(std::string_view user_id);

  // Consumer of users.registered (creates the profile) and users.deleted (removes it).
  Disposition on_user_event(const Delivery& delivery);

 private:
  ProfileRepository& repository_;
};

}  // namespace fafnir
