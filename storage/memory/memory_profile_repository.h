#pragma once

#include <mutex>

#include "core/common/string_hash.h"
#include "core/user/profile_repository.h"

namespace fafnir {

// ProfileRepository in memory. Thread-safe: one mutex guards everything.
class MemoryProfileRepository final : public ProfileRepository {
 public:
  Status add_if_absent(const Profile& profile) override;
  Status remove(std::string_view user_id) override;
  Result<std::optional<Profile>> find(std::string_view user_id) override;

 private:
  std::mutex mutex_;
  StringMap<Profile> profiles_;  // by user id
};

}  // namespace fafnir
