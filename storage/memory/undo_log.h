#pragma once

#include <functional>
#include <vector>

namespace fafnir {

// How to take back each change a unit of work has made to a memory store so far, so that a unit
// that fails leaves nothing behind. Not thread-safe: used under the owning store's lock.
class UndoLog {
 public:
  UndoLog() = default;
  UndoLog(const UndoLog&) = delete;
  UndoLog& operator=(const UndoLog&) = delete;
  // Rolls back whatever is still recorded.
  ~UndoLog() { roll_back(); }

  // Remembers how to revert the change just made.
  void record(std::function<void()> revert) { reverts_.push_back(std::move(revert)); }

  // Reverts every recorded change, newest first, and forgets them.
  void roll_back() {
    while (!reverts_.empty()) {
      std::function<void()> revert = std::move(reverts_.back());
      reverts_.pop_back();
      revert();
    }
  }

  // Keeps every change: forgets how to revert them.
  void commit() { reverts_.clear(); }

 private:
  std::vector<std::function<void()>> reverts_;
};

}  // namespace fafnir
