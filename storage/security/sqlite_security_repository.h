#pragma once

#include <memory>

#include "core/security/security_repository.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// SecurityRepository over security.db, whose first migration seeds the roles and permissions.
// Thread-safe.
class SqliteSecurityRepository final : public SecurityRepository {
 public:
  // The migrations of the service's database file.
  static const Schema& schema();

  explicit SqliteSecurityRepository(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  Status assign_role(std::string_view user_id, std::string_view role) override;
  Status remove_user(std::string_view user_id) override;
  Result<std::vector<std::string>> roles_of(std::string_view user_id) override;
  Result<std::vector<std::string>> permissions_of(std::string_view user_id) override;

 private:
  Result<std::vector<std::string>> names_for_user(std::string_view sql, std::string_view user_id);

  std::shared_ptr<SqliteDatabase> db_;
};

}  // namespace fafnir
