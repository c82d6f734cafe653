#include "storage/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>

namespace fafnir {
namespace {

Status sqlite_error(sqlite3* db, std::string_view what) {
  return Status::Internal(std::string(what) + ": " + sqlite3_errmsg(db));
}

constexpr std::size_t kMaxGroup = 64;

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
  checkpointer_.reset();
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status SqliteDatabase::configure(const SqliteOptions& options) {
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  std::lock_guard lock(mutex_);
  exclusive_ = options.exclusive;
  FAFNIR_RETURN_IF_ERROR(execute("PRAGMA journal_mode=WAL"));
  FAFNIR_RETURN_IF_ERROR(execute("PRAGMA foreign_keys=ON"));
  FAFNIR_RETURN_IF_ERROR(execute(options.synchronous_full ? "PRAGMA synchronous=FULL"
                                                          : "PRAGMA synchronous=NORMAL"));
  FAFNIR_ASSIGN_OR_RETURN(checkpointer_, WalCheckpointer::attach(db_, path_, options.checkpoints));
  return Status::Ok();
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

struct SqliteDatabase::Writer {
  explicit Writer(const Work& w) : work(&w) {}
  const Work* work;
  Status status;
  bool done = false;
  std::condition_variable wake;
};

Status SqliteDatabase::transaction(const Work& work) {
  Writer writer(work);
  std::unique_lock lock(writers_mutex_);
  writers_.push_back(&writer);
  writer.wake.wait(lock, [&] { return writer.done || writers_.front() == &writer; });
  if (writer.done) return writer.status;

  std::vector<Writer*> group(writers_.begin(),
                             writers_.begin() + static_cast<std::ptrdiff_t>(std::min(writers_.size(), kMaxGroup)));
  lock.unlock();
  commit_group(group);
  lock.lock();
  for (Writer* member : group) {
    writers_.pop_front();
    member->done = true;
    if (member != &writer) member->wake.notify_one();
  }
  if (!writers_.empty()) writers_.front()->wake.notify_one();
  return writer.status;
}

void SqliteDatabase::commit_group(const std::vector<Writer*>& group) {
  std::lock_guard lock(mutex_);
  Status begun = run_cached("BEGIN IMMEDIATE");
  if (!begun.ok()) {
    for (Writer* member : group) member->status = begun;
    return;
  }
  bool any_ok = false;
  for (Writer* member : group) {
    if (group.size() == 1) {
      member->status = (*member->work)(*this);
    } else {
      member->status = run_cached("SAVEPOINT member");
      if (member->status.ok()) member->status = (*member->work)(*this);
      if (!member->status.ok()) (void)run_cached("ROLLBACK TO member");
      (void)run_cached("RELEASE member");  // a failure to undo surfaces at COMMIT
    }
    any_ok = any_ok || member->status.ok();
  }
  Status committed = any_ok ? run_cached("COMMIT") : Status::Ok();
  if (committed.ok() && any_ok) return;
  Status rollback = run_cached("ROLLBACK");
  (void)rollback;  // the original failure is the one worth reporting
  for (Writer* member : group) {
    if (member->status.ok()) member->status = committed;
  }
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
