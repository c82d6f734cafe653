#include "storage/sqlite/sqlite_database.h"

#include <sqlite3.h>

namespace fafnir {
namespace {

Status sqlite_error(sqlite3* db, std::string_view what) {
  return Status::Internal(std::string(what) + ": " + sqlite3_errmsg(db));
}

constexpr std::string_view kMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " description TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))";

}  // namespace

Result<std::shared_ptr<SqliteDatabase>> SqliteDatabase::open(const std::filesystem::path& path,
                                                             const Schema& schema,
                                                             SqliteOptions options) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::shared_ptr<SqliteDatabase> db(new SqliteDatabase(raw, path));
  if (rc != SQLITE_OK) return sqlite_error(raw, "cannot open " + path.string());
  FAFNIR_RETURN_IF_ERROR(db->configure(options).with_context(path.string()));
  FAFNIR_RETURN_IF_ERROR(db->migrate(schema));
  return db;
}

SqliteDatabase::~SqliteDatabase() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status SqliteDatabase::configure(const SqliteOptions& options) {
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  std::lock_guard lock(mutex_);
  if (options.exclusive) FAFNIR_RETURN_IF_ERROR(execute("PRAGMA locking_mode=EXCLUSIVE"));
  FAFNIR_RETURN_IF_ERROR(execute("PRAGMA journal_mode=WAL"));
  FAFNIR_RETURN_IF_ERROR(execute("PRAGMA wal_autocheckpoint=" +
                                 std::to_string(options.wal_autocheckpoint_pages)));
  FAFNIR_RETURN_IF_ERROR(execute("PRAGMA foreign_keys=ON"));
  return execute(options.synchronous_full ? "PRAGMA synchronous=FULL"
                                          : "PRAGMA synchronous=NORMAL");
}

Status SqliteDatabase::migrate(const Schema& schema) {
  return transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_RETURN_IF_ERROR(db.execute(kMigrationsTable));
    FAFNIR_ASSIGN_OR_RETURN(int current, db.schema_version());
    int known = schema.migrations.empty() ? 0 : schema.migrations.back().version;
    if (current > known) {
      return Status::FailedPrecondition(
          path_.string() + " has " + std::string(schema.name) + " schema version " +
          std::to_string(current) + ", newer than the " + std::to_string(known) +
          " this fafnir knows; use a newer fafnir or another data directory");
    }
    for (const Migration& migration : schema.migrations) {
      if (migration.version <= current) continue;
      FAFNIR_RETURN_IF_ERROR(db.execute(migration.sql).with_context(
          std::string(schema.name) + " migration " + std::to_string(migration.version)));
      FAFNIR_ASSIGN_OR_RETURN(
          SqliteStatement record,
          db.prepare("INSERT INTO schema_migrations(version, description) VALUES (?, ?)"));
      FAFNIR_RETURN_IF_ERROR(record.bind(1, std::int64_t{migration.version})
                                 .bind(2, migration.description)
                                 .run());
    }
    return Status::Ok();
  });
}

Result<int> SqliteDatabase::schema_version() {
  FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                          prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  FAFNIR_ASSIGN_OR_RETURN(bool row, query.step());
  if (!row) return 0;
  return static_cast<int>(query.column_int64(0));
}

Status SqliteDatabase::transaction(const Work& work) {
  std::lock_guard lock(mutex_);
  FAFNIR_RETURN_IF_ERROR(run_cached("BEGIN IMMEDIATE"));
  Status status = work(*this);
  if (status.ok()) {
    status = run_cached("COMMIT");
    if (status.ok()) return status;
  }
  Status rollback = run_cached("ROLLBACK");
  (void)rollback;  // the original failure is the one worth reporting
  return status;
}

Status SqliteDatabase::run_cached(std::string_view sql) {
  FAFNIR_ASSIGN_OR_RETURN(SqliteStatement statement, prepare(sql));
  return statement.run();
}

Status SqliteDatabase::read(const Work& work) {
  std::lock_guard lock(mutex_);
  return work(*this);
}

Result<SqliteStatement> SqliteDatabase::prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      return sqlite_error(db_, "prepare '" + std::string(sql) + "'");
    }
    it = statements_.emplace(std::string(sql), stmt).first;
  }
  return SqliteStatement(db_, it->second);
}

Status SqliteDatabase::execute(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    return Status::Internal("sqlite: " + message);
  }
  return Status::Ok();
}

}  // namespace fafnir
