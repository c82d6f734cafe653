#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/string_hash.h"
#include "core/engine/resting_order_index.h"

namespace fafnir {

// The in-memory RestingOrderIndex of one process: per symbol and direction an ordered multimap
// from trigger to key, and a hash map from key to its entry, so that add and remove cost
// O(log n) and a price move that crosses nothing costs one hash lookup and two comparisons.
// Never fails, except add's InvalidArgument. Not thread-safe; the trade engine guards it.
class TriggerIndex final : public RestingOrderIndex {
 public:
  Status add(std::string_view symbol, TriggerDirection direction, Price trigger,
             const OrderKey& key) override;
  Result<bool> remove(const OrderKey& key) override;
  Result<std::vector<OrderKey>> take_crossed(std::string_view symbol, Price price) override;
  Result<std::vector<std::string>> symbols() const override;
  Result<std::size_t> size() const override { return locations_.size(); }

  bool contains(const OrderKey& key) const { return locations_.count(key) != 0; }

 private:
  // Keyed by rank, lowest first: -trigger for kAtOrBelow, trigger for kAtOrAbove, so that one
  // container type serves both directions and the crossed orders are always a prefix.
  using Side = std::multimap<std::int64_t, OrderKey>;
  struct Book {
    Side at_or_below;
    Side at_or_above;
  };
  struct Location {
    Side* side;
    Side::iterator entry;
  };

  static bool crossed_by(const Side& side, std::int64_t highest_rank);
  void take_prefix(Side& side, std::int64_t highest_rank, std::vector<OrderKey>& crossed);

  StringMap<Book> books_;
  std::unordered_map<OrderKey, Location, OrderKeyHash> locations_;
};

}  // namespace fafnir
