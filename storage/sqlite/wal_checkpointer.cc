#include "storage/sqlite/wal_checkpointer.h"

#include <sqlite3.h>

namespace fafnir {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::attach(
    sqlite3* writer, const std::filesystem::path& path, Thresholds thresholds) {
  sqlite3* own = nullptr;
  // Reading the journal mode makes the connection see the file as WAL; until then a checkpoint
  // through it does nothing.
  if (sqlite3_open_v2(path.c_str(), &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
          SQLITE_OK ||
      sqlite3_exec(own, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::string reason = own != nullptr ? sqlite3_errmsg(own) : "out of memory";
    sqlite3_close(own);
    return Status::Internal("cannot open " + path.string() + " to checkpoint it: " + reason);
  }
  std::unique_ptr<WalCheckpointer> checkpointer(new WalCheckpointer(writer, own, thresholds));
  checkpointer->thread_ = std::thread([raw = checkpointer.get()] { raw->run(); });
  sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, checkpointer.get());
  return checkpointer;
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(own_);
}

int WalCheckpointer::on_commit(void* self, sqlite3* writer, const char* schema, int pages) {
  auto* checkpointer = static_cast<WalCheckpointer*>(self);
  if (pages >= checkpointer->thresholds_.writer_pages) {
    // A failed checkpoint leaves the frames in the log, where readers still find them.
    (void)sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }
  int& requested_at = checkpointer->requested_at_pages_;
  if (pages < requested_at) requested_at = 0;  // the log restarted
  if (pages - requested_at >= checkpointer->thresholds_.background_pages) {
    requested_at = pages;
    checkpointer->request();
  }
  return SQLITE_OK;
}

void WalCheckpointer::request() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
  }
  wake_.notify_one();
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) return;
    requested_ = false;
    lock.unlock();
    (void)sqlite3_wal_checkpoint_v2(own_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
  }
}

}  // namespace fafnir
