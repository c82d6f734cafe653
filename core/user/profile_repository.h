#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/status.h"
#include "core/common/timestamp.h"

namespace fafnir {

struct Profile {
  std::string user_id;
  std::string email;
  std::string first_name;
  std::string last_name;
  Timestamp created_at;
};

// The user service's store. Thread-safe; writes are idempotent.
class ProfileRepository {
 public:
  virtual ~ProfileRepository() = default;

  // Keeps the existing profile when one exists for the user id.
  virtual Status add_if_absent(const Profile& profile) = 0;
  virtual Status remove(std::string_view user_id) = 0;
  virtual Result<std::optional<Profile>> find(std::string_view user_id) = 0;
};

}  // namespace fafnir
