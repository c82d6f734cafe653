#include "storage/auth/sqlite_auth_repository.h"

#include <string>

#include "storage/sqlite/sqlite_outbox.h"

namespace fafnir {
namespace {

const std::string kInitialSchema = std::string(
    "CREATE TABLE users ("
    " id TEXT PRIMARY KEY,"
    " email TEXT NOT NULL UNIQUE,"
    " password_hash TEXT NOT NULL,"
    " created_at INTEGER NOT NULL);"
    "CREATE TABLE login_failures ("
    " email TEXT PRIMARY KEY,"
    " failures INTEGER NOT NULL,"
    " locked_until INTEGER NOT NULL);"
    "CREATE TABLE revoked_tokens ("
    " token_id TEXT PRIMARY KEY,"
    " expires_at INTEGER NOT NULL);") + std::string(kOutboxTableSql);

const Schema kAuthSchema{"auth", {{1, "users, login failures, revoked tokens, outbox", kInitialSchema}}};

}  // namespace

const Schema& SqliteAuthRepository::schema() { return kAuthSchema; }

Status SqliteAuthRepository::add_user(const Credentials& credentials, const Event& registered) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement insert,
        db.prepare("INSERT INTO users(id, email, password_hash, created_at) VALUES (?, ?, ?, ?)"));
    FAFNIR_RETURN_IF_ERROR(insert.bind(1, credentials.user_id)
                               .bind(2, credentials.email)
                               .bind(3, credentials.password_hash)
                               .bind(4, credentials.created_at.micros)
                               .run());
    return append_to_outbox(db, registered);
  });
}

Result<std::optional<Credentials>> SqliteAuthRepository::find_one(std::string_view sql,
                                                                  std::string_view key) {
  std::optional<Credentials> found;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query, db.prepare(sql));
    return query.bind(1, key).for_each_row([&](const SqliteStatement& row) {
      found = Credentials{row.column_text(0), row.column_text(1), row.column_text(2),
                          Timestamp{row.column_int64(3)}};
    });
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::optional<Credentials>> SqliteAuthRepository::find_by_email(std::string_view email) {
  return find_one("SELECT id, email, password_hash, created_at FROM users WHERE email = ?", email);
}

Result<std::optional<Credentials>> SqliteAuthRepository::find_by_id(std::string_view user_id) {
  return find_one("SELECT id, email, password_hash, created_at FROM users WHERE id = ?", user_id);
}

Status SqliteAuthRepository::remove_user(std::string_view user_id, const Event& deleted) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement forget_failures,
        db.prepare("DELETE FROM login_failures WHERE email = (SELECT email FROM users WHERE id = ?)"));
    FAFNIR_RETURN_IF_ERROR(forget_failures.bind(1, user_id).run());
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement erase, db.prepare("DELETE FROM users WHERE id = ?"));
    FAFNIR_RETURN_IF_ERROR(erase.bind(1, user_id).run());
    if (erase.changes() == 0) return Status::NotFound("no user " + std::string(user_id));
    return append_to_outbox(db, deleted);
  });
}

Result<LoginFailures> SqliteAuthRepository::login_failures(std::string_view email) {
  LoginFailures failures;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT failures, locked_until FROM login_failures WHERE email = ?"));
    return query.bind(1, email).for_each_row([&](const SqliteStatement& row) {
      failures = LoginFailures{static_cast<int>(row.column_int64(0)), Timestamp{row.column_int64(1)}};
    });
  });
  if (!status.ok()) return status;
  return failures;
}

Status SqliteAuthRepository::save_login_failures(std::string_view email,
                                                 const LoginFailures& failures) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement upsert,
        db.prepare("INSERT OR REPLACE INTO login_failures(email, failures, locked_until)"
                   " VALUES (?, ?, ?)"));
    return upsert.bind(1, email)
        .bind(2, std::int64_t{failures.count})
        .bind(3, failures.locked_until.micros)
        .run();
  });
}

Status SqliteAuthRepository::clear_login_failures(std::string_view email) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement erase,
                            db.prepare("DELETE FROM login_failures WHERE email = ?"));
    return erase.bind(1, email).run();
  });
}

Status SqliteAuthRepository::revoke_token(std::string_view token_id, Timestamp expires_at) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement insert,
        db.prepare("INSERT OR IGNORE INTO revoked_tokens(token_id, expires_at) VALUES (?, ?)"));
    return insert.bind(1, token_id).bind(2, expires_at.micros).run();
  });
}

Result<bool> SqliteAuthRepository::is_token_revoked(std::string_view token_id) {
  bool revoked = false;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                            db.prepare("SELECT 1 FROM revoked_tokens WHERE token_id = ?"));
    return query.bind(1, token_id).for_each_row([&](const SqliteStatement&) { revoked = true; });
  });
  if (!status.ok()) return status;
  return revoked;
}

}  // namespace fafnir
