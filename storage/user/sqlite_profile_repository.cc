#include "storage/user/sqlite_profile_repository.h"

namespace fafnir {
namespace {

const Schema kUserSchema{"user",
                         {{1, "profiles",
                           "CREATE TABLE profiles ("
                           " user_id TEXT PRIMARY KEY,"
                           " email TEXT NOT NULL,"
                           " first_name TEXT NOT NULL,"
                           " last_name TEXT NOT NULL,"
                           " created_at INTEGER NOT NULL);"}}};

}  // namespace

const Schema& SqliteProfileRepository::schema() { return kUserSchema; }

Status SqliteProfileRepository::add_if_absent(const Profile& profile) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement insert,
        db.prepare("INSERT OR IGNORE INTO profiles(user_id, email, first_name, last_name,"
                   " created_at) VALUES (?, ?, ?, ?, ?)"));
    return insert.bind(1, profile.user_id)
        .bind(2, profile.email)
        .bind(3, profile.first_name)
        .bind(4, profile.last_name)
        .bind(5, profile.created_at.micros)
        .run();
  });
}

Status SqliteProfileRepository::remove(std::string_view user_id) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement erase,
                            db.prepare("DELETE FROM profiles WHERE user_id = ?"));
    return erase.bind(1, user_id).run();
  });
}

Result<std::optional<Profile>> SqliteProfileRepository::find(std::string_view user_id) {
  std::optional<Profile> found;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT user_id, email, first_name, last_name, created_at FROM profiles"
                   " WHERE user_id = ?"));
    return query.bind(1, user_id).for_each_row([&](const SqliteStatement& row) {
      found = Profile{row.column_text(0), row.column_text(1), row.column_text(2),
                      row.column_text(3), Timestamp{row.column_int64(4)}};
    });
  });
  if (!status.ok()) return status;
  return found;
}

}  // namespace fafnir
