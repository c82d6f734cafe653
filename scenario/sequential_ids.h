#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
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
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012llx",
                  static_cast<unsigned long long>(n));
    return id;
  }

 private:
  std::atomic<std::uint64_t> count_{0};
};

}  // namespace fafnir
