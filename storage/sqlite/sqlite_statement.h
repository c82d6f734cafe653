#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace fafnir {

// A prepared statement borrowed from a SqliteDatabase's cache; reset and cleared when destroyed.
// Parameters are 1-based, columns 0-based. Not thread-safe: use only inside the database's
// read()/transaction() callback that produced it.
class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteStatement(SqliteStatement&& other) noexcept
      : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  ~SqliteStatement();

  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, std::string_view value);
  SqliteStatement& bind_null(int index);

  // Advances to the next row: true if a row is available, false when done.
  Result<bool> step();
  // Steps through every remaining row, calling `visit` on each.
  Status for_each_row(const std::function<void(const SqliteStatement&)>& visit);
  // Runs a statement that returns no rows.
  Status run();
  // Makes the statement runnable again, e.g. in a loop; bindings are kept until rebound.
  void reset();

  std::int64_t column_int64(int column) const;
  std::string column_text(int column) const;
  bool column_is_null(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

  // Rows changed by the last run() on this connection.
  int changes() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace fafnir
