#include "storage/sqlite/sqlite_statement.h"

#include <sqlite3.h>

namespace fafnir {

SqliteStatement::~SqliteStatement() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> SqliteStatement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if ((rc & 0xff) == SQLITE_CONSTRAINT) {
    return Status::AlreadyExists(std::string("constraint violated: ") + sqlite3_errmsg(db_));
  }
  return Status::Internal(std::string("sqlite: ") + sqlite3_errmsg(db_));
}

Status SqliteStatement::for_each_row(const std::function<void(const SqliteStatement&)>& visit) {
  while (true) {
    Result<bool> row = step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    visit(*this);
  }
}

Status SqliteStatement::run() {
  Result<bool> row = step();
  if (!row.ok()) return row.status();
  return Status::Ok();
}

void SqliteStatement::reset() { sqlite3_reset(stmt_); }

std::int64_t SqliteStatement::column_int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string SqliteStatement::column_text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool SqliteStatement::column_is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<std::string> SqliteStatement::column_optional_text(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_text(column);
}

int SqliteStatement::changes() const { return sqlite3_changes(db_); }

}  // namespace fafnir
