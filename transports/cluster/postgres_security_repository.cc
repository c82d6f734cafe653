#include "transports/cluster/postgres_security_repository.h"

#include <string>

#include "storage/security/security_seed.h"

namespace fafnir {
namespace {

// Names sort bytewise ("C"), as SQLite's TEXT does, whatever the database's locale.
constexpr std::string_view kTables =
    "CREATE TABLE roles (name TEXT COLLATE \"C\" PRIMARY KEY);"
    "CREATE TABLE permissions (name TEXT COLLATE \"C\" PRIMARY KEY);"
    "CREATE TABLE role_permissions ("
    " role TEXT COLLATE \"C\" NOT NULL REFERENCES roles(name),"
    " permission TEXT COLLATE \"C\" NOT NULL REFERENCES permissions(name),"
    " PRIMARY KEY (role, permission));"
    "CREATE TABLE user_roles ("
    " user_id TEXT NOT NULL,"
    " role TEXT COLLATE \"C\" NOT NULL REFERENCES roles(name),"
    " PRIMARY KEY (user_id, role));";

const std::string kInitialSchema = std::string(kTables) + std::string(kSecuritySeedSql);
const Schema kSecuritySchema{"security",
                             {{1, "roles, permissions and user roles", kInitialSchema}}};

}  // namespace

const Schema& PostgresSecurityRepository::schema() { return kSecuritySchema; }

Status PostgresSecurityRepository::assign_role(std::string_view user_id, std::string_view role) {
  std::lock_guard lock(mutex_);
  return connection_->transaction([&](PostgresConnection& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(PostgresResult known,
                            db.query("SELECT 1 FROM roles WHERE name = $1", {postgres_text(role)}));
    if (known.rows() == 0) return Status::NotFound("no role " + std::string(role));
    return db
        .query("INSERT INTO user_roles(user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
               {postgres_text(user_id), postgres_text(role)})
        .status();
  });
}

Status PostgresSecurityRepository::remove_user(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  return connection_->query("DELETE FROM user_roles WHERE user_id = $1", {postgres_text(user_id)})
      .status();
}

Result<std::vector<std::string>> PostgresSecurityRepository::names_for_user(
    std::string_view sql, std::string_view user_id) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(PostgresResult rows, connection_->query(sql, {postgres_text(user_id)}));
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) names.push_back(rows.text(row, 0));
  return names;
}

Result<std::vector<std::string>> PostgresSecurityRepository::roles_of(std::string_view user_id) {
  return names_for_user("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role", user_id);
}

Result<std::vector<std::string>> PostgresSecurityRepository::permissions_of(
    std::string_view user_id) {
  return names_for_user(
      "SELECT DISTINCT rp.permission FROM user_roles ur"
      " JOIN role_permissions rp ON rp.role = ur.role WHERE ur.user_id = $1 ORDER BY rp.permission",
      user_id);
}

}  // namespace fafnir
