#pragma once

#include <filesystem>
#include <memory>

#include "core/common/status.h"

namespace fafnir {

// Creates `dir` (and its parents) if missing; a directory it creates is private to the owner
// (mode 0700), since it will hold password hashes and secrets.
Status create_private_directory(const std::filesystem::path& dir);

// An exclusive, advisory lock on a data directory, held until destroyed (or the process dies).
class DirectoryLock {
 public:
  // FailedPrecondition when another process holds the lock on `dir`.
  static Result<std::shared_ptr<DirectoryLock>> acquire(const std::filesystem::path& dir);
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace fafnir
