#include "transports/cluster/postgres_profile_repository.h"

#include <string>

namespace fafnir {
namespace {

const Schema kUserSchema{"user",
                         {{1, "profiles",
                           "CREATE TABLE profiles ("
                           " user_id TEXT PRIMARY KEY,"
                           " email TEXT NOT NULL,"
                           " first_name TEXT NOT NULL,"
                           " last_name TEXT NOT NULL,"
                           " created_at BIGINT NOT NULL);"}}};

}  // namespace

const Schema& PostgresProfileRepository::schema() { return kUserSchema; }

Status PostgresProfileRepository::add_if_absent(const Profile& profile) {
  std::lock_guard lock(mutex_);
  return connection_
      ->query(
          "INSERT INTO profiles(user_id, email, first_name, last_name, created_at)"
          " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO NOTHING",
          {profile.user_id, profile.email, profile.first_name, profile.last_name,
           std::to_string(profile.created_at.micros)})
      .status();
}

Status PostgresProfileRepository::remove(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  return connection_->query("DELETE FROM profiles WHERE user_id = $1", {postgres_text(user_id)})
      .status();
}

Result<std::optional<Profile>> PostgresProfileRepository::find(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      connection_->query("SELECT user_id, email, first_name, last_name, created_at FROM profiles"
                         " WHERE user_id = $1",
                         {postgres_text(user_id)}));
  if (rows.rows() == 0) return std::optional<Profile>();
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t created_at, rows.int64(0, 4));
  return std::optional<Profile>(Profile{rows.text(0, 0), rows.text(0, 1), rows.text(0, 2),
                                        rows.text(0, 3), Timestamp{created_at}});
}

}  // namespace fafnir
