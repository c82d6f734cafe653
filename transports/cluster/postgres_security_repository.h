#pragma once

#include <memory>
#include <mutex>

#include "core/security/security_repository.h"
#include "storage/sqlite/migration.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// SecurityRepository over the `security` schema of a PostgreSQL database, whose first migration
// seeds the roles and permissions: the same tables and behaviour as SqliteSecurityRepository.
// Thread-safe: calls take turns on one connection.
class PostgresSecurityRepository final : public SecurityRepository {
 public:
  // The migrations of the security schema (apply with migrate_postgres_schema).
  static const Schema& schema();

  // REQUIRES: `connection` resolves unqualified names to the migrated security schema.
  explicit PostgresSecurityRepository(std::unique_ptr<PostgresConnection> connection)
      : connection_(std::move(connection)) {}

  Status assign_role(std::string_view user_id, std::string_view role) override;
  Status remove_user(std::string_view user_id) override;
  Result<std::vector<std::string>> roles_of(std::string_view user_id) override;
  Result<std::vector<std::string>> permissions_of(std::string_view user_id) override;

 private:
  Result<std::vector<std::string>> names_for_user(std::string_view sql, std::string_view user_id);

  std::mutex mutex_;  // guards connection_
  std::unique_ptr<PostgresConnection> connection_;
};

}  // namespace fafnir
