#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "core/common/status.h"

struct sqlite3;

namespace fafnir {

// Takes a WAL-mode database's checkpoints (copying the log back into the file, then fsync) off
// its writer: a thread with a connection of its own runs them, passively, while the writer goes
// on committing. The writer checkpoints itself only when the log reaches writer_pages anyway
// (the log restarts only after a checkpoint that no commit overtook); by then the thread has
// copied most of it.
// Thread-safe: the hook runs inside the writer's commits, which their caller already serializes.
// Owned by the writer's owner; destroy it before closing the writer connection.
class WalCheckpointer {
 public:
  struct Thresholds {
    int background_pages = 1000;  // log growth since the last request that asks for a checkpoint
    int writer_pages = 10000;     // log size at which a commit checkpoints on the writer
  };

  // Installs itself as `writer`'s WAL hook (replacing SQLite's autocheckpoint) and opens a second
  // connection to `path`; `writer` must be in WAL mode, and not in exclusive locking mode.
  static Result<std::unique_ptr<WalCheckpointer>> attach(sqlite3* writer,
                                                         const std::filesystem::path& path,
                                                         Thresholds thresholds);
  // Removes the hook, waits for a running checkpoint and closes its connection.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  WalCheckpointer(sqlite3* writer, sqlite3* own, Thresholds thresholds)
      : writer_(writer), own_(own), thresholds_(thresholds) {}
  // SQLite's WAL hook: runs on the committing thread after each commit, `pages` the log's size.
  static int on_commit(void* self, sqlite3* writer, const char* schema, int pages);
  void request();
  void run();

  sqlite3* writer_;
  sqlite3* own_;
  const Thresholds thresholds_;
  int requested_at_pages_ = 0;  // the log's size at the last request; used by commits only
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace fafnir
