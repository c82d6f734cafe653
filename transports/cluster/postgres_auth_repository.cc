#include "transports/cluster/postgres_auth_repository.h"

#include <string>

#include "transports/cluster/postgres_outbox.h"

namespace fafnir {
namespace {

const std::string kInitialSchema = std::string(
    "CREATE TABLE users ("
    " id TEXT PRIMARY KEY,"
    " email TEXT NOT NULL UNIQUE,"
    " password_hash TEXT NOT NULL,"
    " created_at BIGINT NOT NULL);"
    "CREATE TABLE login_failures ("
    " email TEXT PRIMARY KEY,"
    " failures INTEGER NOT NULL,"
    " locked_until BIGINT NOT NULL);"
    "CREATE TABLE revoked_tokens ("
    " token_id TEXT PRIMARY KEY,"
    " expires_at BIGINT NOT NULL);") + std::string(kPostgresOutboxTableSql);

const Schema kAuthSchema{"auth", {{1, "users, login failures, revoked tokens, outbox", kInitialSchema}}};

}  // namespace

const Schema& PostgresAuthRepository::schema() { return kAuthSchema; }

Status PostgresAuthRepository::add_user(const Credentials& credentials, const Event& registered) {
  std::lock_guard lock(mutex_);
  return connection_->transaction([&](PostgresConnection& db) -> Status {
    FAFNIR_RETURN_IF_ERROR(
        db.query("INSERT INTO users(id, email, password_hash, created_at) VALUES ($1, $2, $3, $4)",
                 {credentials.user_id, credentials.email, credentials.password_hash,
                  std::to_string(credentials.created_at.micros)})
            .status());
    return append_to_postgres_outbox(db, registered);
  });
}

Result<std::optional<Credentials>> PostgresAuthRepository::find_one(std::string_view sql,
                                                                    std::string_view key) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(PostgresResult rows, connection_->query(sql, {postgres_text(key)}));
  if (rows.rows() == 0) return std::optional<Credentials>();
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t created_at, rows.int64(0, 3));
  return std::optional<Credentials>(
      Credentials{rows.text(0, 0), rows.text(0, 1), rows.text(0, 2), Timestamp{created_at}});
}

Result<std::optional<Credentials>> PostgresAuthRepository::find_by_email(std::string_view email) {
  return find_one("SELECT id, email, password_hash, created_at FROM users WHERE email = $1", email);
}

Result<std::optional<Credentials>> PostgresAuthRepository::find_by_id(std::string_view user_id) {
  return find_one("SELECT id, email, password_hash, created_at FROM users WHERE id = $1", user_id);
}

Status PostgresAuthRepository::remove_user(std::string_view user_id, const Event& deleted) {
  std::lock_guard lock(mutex_);
  return connection_->transaction([&](PostgresConnection& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        PostgresResult erased,
        db.query("DELETE FROM users WHERE id = $1 RETURNING email", {postgres_text(user_id)}));
    if (erased.rows() == 0) return Status::NotFound("no user " + std::string(user_id));
    FAFNIR_RETURN_IF_ERROR(
        db.query("DELETE FROM login_failures WHERE email = $1", {erased.text(0, 0)}).status());
    return append_to_postgres_outbox(db, deleted);
  });
}

Result<LoginFailures> PostgresAuthRepository::login_failures(std::string_view email) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      connection_->query("SELECT failures, locked_until FROM login_failures WHERE email = $1",
                         {postgres_text(email)}));
  if (rows.rows() == 0) return LoginFailures{};
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t count, rows.int64(0, 0));
  FAFNIR_ASSIGN_OR_RETURN(std::int64_t locked_until, rows.int64(0, 1));
  return LoginFailures{static_cast<int>(count), Timestamp{locked_until}};
}

Status PostgresAuthRepository::save_login_failures(std::string_view email,
                                                   const LoginFailures& failures) {
  std::lock_guard lock(mutex_);
  return connection_
      ->query("INSERT INTO login_failures(email, failures, locked_until) VALUES ($1, $2, $3)"
              " ON CONFLICT (email) DO UPDATE"
              " SET failures = EXCLUDED.failures, locked_until = EXCLUDED.locked_until",
              {postgres_text(email), std::to_string(failures.count),
               std::to_string(failures.locked_until.micros)})
      .status();
}

Status PostgresAuthRepository::clear_login_failures(std::string_view email) {
  std::lock_guard lock(mutex_);
  return connection_->query("DELETE FROM login_failures WHERE email = $1", {postgres_text(email)})
      .status();
}

Status PostgresAuthRepository::revoke_token(std::string_view token_id, Timestamp expires_at) {
  std::lock_guard lock(mutex_);
  return connection_
      ->query("INSERT INTO revoked_tokens(token_id, expires_at) VALUES ($1, $2)"
              " ON CONFLICT (token_id) DO NOTHING",
              {postgres_text(token_id), std::to_string(expires_at.micros)})
      .status();
}

Result<bool> PostgresAuthRepository::is_token_revoked(std::string_view token_id) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(PostgresResult rows,
                          connection_->query("SELECT 1 FROM revoked_tokens WHERE token_id = $1",
                                             {postgres_text(token_id)}));
  return rows.rows() > 0;
}

}  // namespace fafnir
