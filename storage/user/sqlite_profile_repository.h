#pragma once

#include <memory>

#include "core/user/profile_repository.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// ProfileRepository over user.db. Thread-safe.
class SqliteProfileRepository final : public ProfileRepository {
 public:
  // The migrations of the service's database file.
  static const Schema& schema();

  explicit SqliteProfileRepository(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  Status add_if_absent(const Profile& profile) override;
  Status remove(std::string_view user_id) override;
  Result<std::optional<Profile>> find(std::string_view user_id) override;

 private:
  std::shared_ptr<SqliteDatabase> db_;
};

}  // namespace fafnir
