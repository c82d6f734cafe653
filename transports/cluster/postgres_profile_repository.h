#pragma once

#include <memory>
#include <mutex>

#include "core/user/profile_repository.h"
#include "storage/sqlite/migration.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// ProfileRepository over the `user` schema of a PostgreSQL database: the same table and behaviour
// as SqliteProfileRepository. Thread-safe: calls take turns on one connection.
class PostgresProfileRepository final : public ProfileRepository {
 public:
  // The migrations of the user schema (apply with migrate_postgres_schema).
  static const Schema& schema();

  // REQUIRES: `connection` resolves unqualified names to the migrated user schema.
  explicit PostgresProfileRepository(std::unique_ptr<PostgresConnection> connection)
      : connection_(std::move(connection)) {}

  Status add_if_absent(const Profile& profile) override;
  Status remove(std::string_view user_id) override;
  Result<std::optional<Profile>> find(std::string_view user_id) override;

 private:
  std::mutex mutex_;  // guards connection_
  std::unique_ptr<PostgresConnection> connection_;
};

}  // namespace fafnir
