#pragma once

#include <memory>
#include <mutex>

#include "core/auth/auth_repository.h"
#include "storage/sqlite/migration.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// AuthRepository over the `auth` schema of a PostgreSQL database: the same tables and behaviour
// as SqliteAuthRepository. Thread-safe: calls take turns on one connection.
class PostgresAuthRepository final : public AuthRepository {
 public:
  // The migrations of the auth schema (apply with migrate_postgres_schema).
  static const Schema& schema();

  // REQUIRES: `connection` resolves unqualified names to the migrated auth schema.
  explicit PostgresAuthRepository(std::unique_ptr<PostgresConnection> connection)
      : connection_(std::move(connection)) {}

  Status add_user(const Credentials& credentials, const Event& registered) override;
  Result<std::optional<Credentials>> find_by_email(std::string_view email) override;
  Result<std::optional<Credentials>> find_by_id(std::string_view user_id) override;
  Status remove_user(std::string_view user_id, const Event& deleted) override;

  Result<LoginFailures> login_failures(std::string_view email) override;
  Status save_login_failures(std::string_view email, const LoginFailures& failures) override;
  Status clear_login_failures(std::string_view email) override;

  Status revoke_token(std::string_view token_id, Timestamp expires_at) override;
  Result<bool> is_token_revoked(std::string_view token_id) override;

 private:
  Result<std::optional<Credentials>> find_one(std::string_view sql, std::string_view key);

  std::mutex mutex_;  // guards connection_
  std::unique_ptr<PostgresConnection> connection_;
};

}  // namespace fafnir
