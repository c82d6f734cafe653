#include "transports/cluster/postgres_connection.h"

#include <libpq-fe.h>

#include <charconv>

#include "transports/cluster/cluster_options.h"
#include "transports/cluster/postgres_error.h"

namespace fafnir {
namespace {

constexpr const char* kConnectTimeoutSeconds = "5";  // unless the URL says otherwise

std::string trimmed(const char* message) {
  std::string text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

void ignore_notice(void*, const char*) {}  // e.g. "schema already exists, skipping"

}  // namespace

PostgresResult::PostgresResult(pg_result* result) : result_(result) {}
PostgresResult::PostgresResult(PostgresResult&& other) noexcept : result_(other.result_) {
  other.result_ = nullptr;
}
PostgresResult& PostgresResult::operator=(PostgresResult&& other) noexcept {
  if (this != &other) {
    PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}
PostgresResult::~PostgresResult() { PQclear(result_); }

int PostgresResult::rows() const { return PQntuples(result_); }

std::int64_t PostgresResult::affected_rows() const {
  const char* count = PQcmdTuples(result_);
  std::int64_t value = 0;
  std::from_chars(count, count + std::char_traits<char>::length(count), value);
  return value;
}

bool PostgresResult::is_null(int row, int column) const {
  return PQgetisnull(result_, row, column) != 0;
}

std::string PostgresResult::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

Result<std::int64_t> PostgresResult::int64(int row, int column) const {
  std::string value = text(row, column);
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) {
    return Status::Internal("postgres: column " + std::string(PQfname(result_, column)) +
                            " holds '" + value + "', not an integer");
  }
  return number;
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::connect(
    std::string_view url, std::string_view search_path) {
  std::string conninfo(url);
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {kConnectTimeoutSeconds, conninfo.c_str(), nullptr};
  pg_conn* raw = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (raw == nullptr) return Status::Internal("postgres: out of memory connecting");
  std::unique_ptr<PostgresConnection> connection(new PostgresConnection(raw));
  if (PQstatus(raw) != CONNECTION_OK) {
    return Status::Internal("cannot connect to PostgreSQL at " + redact_url(url) + ": " +
                            trimmed(PQerrorMessage(raw)));
  }
  PQsetNoticeProcessor(raw, ignore_notice, nullptr);
  if (!search_path.empty()) {
    FAFNIR_RETURN_IF_ERROR(
        connection->execute("SET search_path TO " + connection->quote_identifier(search_path)));
  }
  return connection;
}

PostgresConnection::~PostgresConnection() { PQfinish(connection_); }

Result<PostgresResult> PostgresConnection::check(pg_result* raw, std::string_view sql) {
  PostgresResult result(raw);
  if (raw == nullptr) {
    return Status::Internal("postgres: " + trimmed(PQerrorMessage(connection_)));
  }
  ExecStatusType status = PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* sqlstate = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
  std::string message = trimmed(PQresultErrorMessage(raw));
  if (sqlstate == nullptr) return Status::Internal("postgres: " + message);
  std::string_view statement = sql.substr(0, 80);
  return status_from_sqlstate(sqlstate, message + " (in: " + std::string(statement) + ")");
}

Status PostgresConnection::execute(std::string_view sql) {
  return check(PQexec(connection_, std::string(sql).c_str()), sql).status();
}

Result<PostgresResult> PostgresConnection::query(std::string_view sql,
                                                 const std::vector<PostgresParam>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PostgresParam& param : params) values.push_back(param ? param->c_str() : nullptr);
  return check(PQexecParams(connection_, std::string(sql).c_str(), static_cast<int>(values.size()),
                            nullptr, values.data(), nullptr, nullptr, /*resultFormat=*/0),
               sql);
}

Status PostgresConnection::transaction(const std::function<Status(PostgresConnection&)>& body) {
  FAFNIR_RETURN_IF_ERROR(execute("BEGIN"));
  Status status = body(*this);
  if (!status.ok()) {
    (void)execute("ROLLBACK");  // the body's error is the one worth reporting
    return status;
  }
  return execute("COMMIT");
}

std::string PostgresConnection::quote_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) quoted += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace fafnir
