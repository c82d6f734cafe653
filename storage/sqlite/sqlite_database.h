#pragma once

#include <filesystem>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "storage/sqlite/migration.h"
#include "storage/sqlite/sqlite_statement.h"
#include "storage/sqlite/wal_checkpointer.h"

namespace fafnir {

struct SqliteOptions {
  bool synchronous_full = false;  // false: WAL + synchronous=NORMAL (survives process crashes)
  int busy_timeout_ms = 5000;     // wait this long for another process's write lock
  // true: the caller keeps every other process out of the file (e.g. with a directory lock), so
  // this connection is its only writer; false: shared
  bool exclusive = false;
  WalCheckpointer::Thresholds checkpoints;
};

// One SQLite file of one service: WAL mode with checkpoints in the background (WalCheckpointer),
// foreign keys on, a busy timeout, prepared statements cached per SQL text, and its schema
// migrated forward on open.
// Thread-safe: read() and transaction() serialize callers on an internal mutex. Transactions
// requested while another commits are grouped into the next commit (LevelDB-style group commit):
// each still runs alone and in arrival order, inside a savepoint that is rolled back if it fails.
class SqliteDatabase {
 public:
  using Work = std::function<Status(SqliteDatabase&)>;

  // Opens (creating if missing) `path` and applies the migrations of `schema` it lacks. Fails
  // with FailedPrecondition when the file was written by a newer fafnir (a version beyond the
  // last migration), leaving the file untouched.
  static Result<std::shared_ptr<SqliteDatabase>> open(const std::filesystem::path& path,
                                                      const Schema& schema,
                                                      SqliteOptions options = {});
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  // Runs `work` in a write transaction (BEGIN IMMEDIATE), possibly on another caller's thread and
  // in the same commit as other callers' work: its changes are committed when it returns OK,
  // rolled back otherwise, and its Status (or the commit's failure) returned once durable.
  // `work` must not call transaction() or read() on this database.
  Status transaction(const Work& work);

  // Runs `work` with the connection to itself, without starting a write transaction.
  Status read(const Work& work);

  // REQUIRES: called inside read()/transaction(). `sql` must be a constant with `?` parameters.
  Result<SqliteStatement> prepare(std::string_view sql);

  // REQUIRES: called inside read()/transaction(). For constant SQL without parameters.
  Status execute(std::string_view sql);

  // The highest applied migration version.
  Result<int> schema_version();

  const std::filesystem::path& path() const { return path_; }
  // True when opened with SqliteOptions::exclusive: no other connection can read or write it.
  bool is_exclusive() const { return exclusive_; }

 private:
  SqliteDatabase(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  Status configure(const SqliteOptions& options);
  Status migrate(const Schema& schema);
  Status run_cached(std::string_view sql);
  struct Writer;
  void commit_group(const std::vector<Writer*>& group);

  sqlite3* db_;
  std::filesystem::path path_;
  bool exclusive_ = false;
  std::unique_ptr<WalCheckpointer> checkpointer_;
  std::mutex mutex_;  // guards the connection
  std::mutex writers_mutex_;
  std::deque<Writer*> writers_;  // waiting transactions; the front one commits for the group
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

}  // namespace fafnir
