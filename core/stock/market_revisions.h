#pragma once

#include <atomic>
#include <cstdint>

#include "core/common/status.h"

namespace fafnir {

// The revision of the operator inputs of a market (price overrides, imported bars) that several
// processes share through one MarketRepository. A process that stores such a change bumps the
// revision; every process reloads the inputs when it sees a revision it has not loaded, so that
// all of them quote the same prices. Implementations are thread-safe.
class MarketRevisions {
 public:
  virtual ~MarketRevisions() = default;

  // The latest revision; 0 before any change.
  virtual Result<std::uint64_t> current() = 0;
  // Counts one more change, which the repository already holds; returns the new revision.
  virtual Result<std::uint64_t> bump() = 0;
};

// The revisions of a market no other process shares.
class LocalMarketRevisions final : public MarketRevisions {
 public:
  Result<std::uint64_t> current() override { return revision_.load(); }
  Result<std::uint64_t> bump() override { return ++revision_; }

 private:
  std::atomic<std::uint64_t> revision_{0};
};

}  // namespace fafnir
