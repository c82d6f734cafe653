#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"

struct pg_conn;
struct pg_result;

namespace fafnir {

// A query parameter in text form; nullopt binds SQL NULL.
using PostgresParam = std::optional<std::string>;

// `value` as a text parameter.
inline PostgresParam postgres_text(std::string_view value) { return std::string(value); }

// The rows of one statement. Owns its libpq result; move-only.
class PostgresResult {
 public:
  explicit PostgresResult(pg_result* result);
  PostgresResult(PostgresResult&&) noexcept;
  PostgresResult& operator=(PostgresResult&&) noexcept;
  ~PostgresResult();

  int rows() const;
  // Rows changed by INSERT, UPDATE or DELETE; 0 for other statements.
  std::int64_t affected_rows() const;
  // REQUIRES: row < rows() and column in range.
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  // Internal when the value is not a 64-bit integer (a schema bug).
  Result<std::int64_t> int64(int row, int column) const;

 private:
  pg_result* result_;
};

// One libpq connection, with SQL errors turned into Status values by SQLSTATE (see
// postgres_error.h). Not thread-safe: a connection serves one caller at a time.
class PostgresConnection {
 public:
  // Connects to `url` (postgresql://user[:password]@host:port/database?options) and, when
  // `search_path` is not empty, makes it the schema unqualified names resolve to. Internal naming
  // the (password-redacted) URL when the server is unreachable or refuses.
  static Result<std::unique_ptr<PostgresConnection>> connect(std::string_view url,
                                                             std::string_view search_path = "");
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Runs one or more statements without parameters (DDL, BEGIN, migrations).
  Status execute(std::string_view sql);

  // Runs one statement with $1, $2, ... bound to `params` (never spliced into the text).
  Result<PostgresResult> query(std::string_view sql, const std::vector<PostgresParam>& params = {});

  // Runs `body` between BEGIN and COMMIT; rolls back and returns its error when it fails.
  Status transaction(const std::function<Status(PostgresConnection&)>& body);

  // `name` quoted as an SQL identifier ("auth", "My ""odd"" name").
  static std::string quote_identifier(std::string_view name);

 private:
  explicit PostgresConnection(pg_conn* connection) : connection_(connection) {}
  Result<PostgresResult> check(pg_result* result, std::string_view sql);

  pg_conn* connection_;
};

}  // namespace fafnir
