#include "storage/memory/memory_profile_repository.h"

namespace fafnir {

Status MemoryProfileRepository::add_if_absent(const Profile& profile) {
  std::lock_guard lock(mutex_);
  profiles_.emplace(profile.user_id, profile);
  return Status::Ok();
}

Status MemoryProfileRepository::remove(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  if (auto found = profiles_.find(user_id); found != profiles_.end()) profiles_.erase(found);
  return Status::Ok();
}

Result<std::optional<Profile>> MemoryProfileRepository::find(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  auto found = profiles_.find(user_id);
  if (found == profiles_.end()) return std::optional<Profile>();
  return std::optional<Profile>(found->second);
}

}  // namespace fafnir
