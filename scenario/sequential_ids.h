#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "core/common/id_generator.h"

namespace fafnir {

// UUID-shaped ids counting up from 1 ("00000000-0000-4000-8000-000000000001", ...), so that a
// scenario's ids, account numbers and every ordering that depends on ids are the same on every
// run. Thread-safe.
class SequentialIdGenerator final : public IdGenerator {
 public:
  std::string next() override {
    std::uint64_t n = ++count_;
    std::string id = "00000000-0000-4000-8000-000000000000";
    for (std::size_t at = id.size(); n != 0 && at > id.size() - 12; n >>= 4) {
      id[--at] = "0123456789abcdef"[n & 0xf];
    }
    return id;
  }

 private:
  std::atomic<std::uint64_t> count_{0};
};

}  // namespace fafnir
