#pragma once

#include <memory>

#include "core/auth/auth_repository.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// AuthRepository over auth.db. Thread-safe.
class SqliteAuthRepository final : public AuthRepository {
 public:
  // The migrations of the service's database file.
  static const Schema& schema();

  explicit SqliteAuthRepository(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  Status add_user(const Credentials& credentials, const Event& registered) override;
  Result<std::optional<Credentials>> find_by_email(std::string_view email) override;
  Result<std::optional<Credentials>> find_by_id(std::string_view user_id) override;
  Status remove_user(std::string_view user_id, const Event& deleted) override;

  Result<LoginFailures> login_failures(std::string_view email) override;
  Status save_login_failures(std::string_view email, const LoginFailures& failures) override;
  Status clear_login_failures(std::string_view email) override;

  Status revoke_token(std::string_view token_id, Timestamp expires_at) override;
  Result<bool> is_token_revoked(std::string_view token_id) override;
  bool is_sole_writer() const override { return db_->is_exclusive(); }

 private:
  Result<std::optional<Credentials>> find_one(std::string_view sql, std::string_view key);

  std::shared_ptr<SqliteDatabase> db_;
};

}  // namespace fafnir
