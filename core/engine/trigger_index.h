#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/fixed_point.h"
#include "core/engine/order_key.h"

namespace fafnir {

// Which way the price must move to wake a resting order.
enum class TriggerDirection {
  kAtOrBelow,  // wakes when price <= trigger: buy limits, sell stops
  kAtOrAbove,  // wakes when price >= trigger: sell limits, buy stops, waiting market orders (0)
};

// Resting orders of every symbol, ordered by the price that wakes them, so that a price change
// looks only at the orders it crosses. Orders with the same trigger wake in the order they were
// added. Not thread-safe; the trade engine guards it.
class TriggerIndex {
 public:
  // REQUIRES: `key` is not already in the index.
  void add(std::string_view symbol, TriggerDirection direction, Price trigger, OrderKey key);
  // False when `key` is not in the index.
  bool remove(const OrderKey& key);
  bool contains(const OrderKey& key) const { return locations_.count(key) != 0; }

  // Removes and returns every order of `symbol` that `price` wakes, most aggressive trigger first.
  std::vector<OrderKey> take_crossed(std::string_view symbol, Price price);

  // Symbols with at least one resting order, sorted.
  std::vector<std::string> symbols() const;
  std::size_t size() const { return locations_.size(); }

 private:
  using AtOrBelow = std::multimap<std::int64_t, OrderKey, std::greater<>>;
  using AtOrAbove = std::multimap<std::int64_t, OrderKey>;
  struct Book {
    AtOrBelow at_or_below;
    AtOrAbove at_or_above;
  };
  struct Location {
    Book* book;
    TriggerDirection direction;
    std::int64_t trigger;
  };

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  template <typename Side>
  void erase_from(Side& side, std::int64_t trigger, const OrderKey& key);

  std::unordered_map<std::string, Book, StringHash, std::equal_to<>> books_;
  std::unordered_map<OrderKey, Location, OrderKeyHash> locations_;
};

}  // namespace fafnir
