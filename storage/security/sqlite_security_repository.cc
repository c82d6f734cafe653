#include "storage/security/sqlite_security_repository.h"

#include <string>

#include "storage/security/security_seed.h"

namespace fafnir {
namespace {

constexpr std::string_view kTables =
    "CREATE TABLE roles (name TEXT PRIMARY KEY);"
    "CREATE TABLE permissions (name TEXT PRIMARY KEY);"
    "CREATE TABLE role_permissions ("
    " role TEXT NOT NULL REFERENCES roles(name),"
    " permission TEXT NOT NULL REFERENCES permissions(name),"
    " PRIMARY KEY (role, permission));"
    "CREATE TABLE user_roles ("
    " user_id TEXT NOT NULL,"
    " role TEXT NOT NULL REFERENCES roles(name),"
    " PRIMARY KEY (user_id, role));";

const std::string kInitialSchema = std::string(kTables) + std::string(kSecuritySeedSql);
const Schema kSecuritySchema{"security", {{1, "roles, permissions and user roles", kInitialSchema}}};

}  // namespace

const Schema& SqliteSecurityRepository::schema() { return kSecuritySchema; }

Status SqliteSecurityRepository::assign_role(std::string_view user_id, std::string_view role) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement known, db.prepare("SELECT 1 FROM roles WHERE name = ?"));
    FAFNIR_ASSIGN_OR_RETURN(bool exists, known.bind(1, role).step());
    if (!exists) return Status::NotFound("no role " + std::string(role));
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement insert,
        db.prepare("INSERT OR IGNORE INTO user_roles(user_id, role) VALUES (?, ?)"));
    return insert.bind(1, user_id).bind(2, role).run();
  });
}

Status SqliteSecurityRepository::remove_user(std::string_view user_id) {
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement erase,
                            db.prepare("DELETE FROM user_roles WHERE user_id = ?"));
    return erase.bind(1, user_id).run();
  });
}

Result<std::vector<std::string>> SqliteSecurityRepository::names_for_user(
    std::string_view sql, std::string_view user_id) {
  std::vector<std::string> names;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query, db.prepare(sql));
    return query.bind(1, user_id).for_each_row(
        [&](const SqliteStatement& row) { names.push_back(row.column_text(0)); });
  });
  if (!status.ok()) return status;
  return names;
}

Result<std::vector<std::string>> SqliteSecurityRepository::roles_of(std::string_view user_id) {
  return names_for_user("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", user_id);
}

Result<std::vector<std::string>> SqliteSecurityRepository::permissions_of(
    std::string_view user_id) {
  return names_for_user(
      "SELECT DISTINCT rp.permission FROM user_roles ur"
      " JOIN role_permissions rp ON rp.role = ur.role WHERE ur.user_id = ? ORDER BY rp.permission",
      user_id);
}

}  // namespace fafnir
