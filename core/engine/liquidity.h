#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/common/fixed_point.h"
#include "core/common/timestamp.h"

namespace fafnir {

// Shares per symbol that can fill at the current quote (a price at a time) before the market
// moves again. Each new quote of a symbol with a depth offers that many shares; fills take from
// them. Symbols without a depth are unlimited. In memory only: a restarted process starts every
// quote full. Thread-safe.
class Liquidity {
 public:
  using Depths = std::map<std::string, Quantity, std::less<>>;

  explicit Liquidity(Depths depths) : depths_(std::move(depths)) {}

  // Takes up to `wanted` shares of `symbol` at its quote `price` at `now`, or none when
  // `all_or_none` and fewer are left. Returns the shares taken.
  Quantity take(std::string_view symbol, Price price, Timestamp now, Quantity wanted,
                bool all_or_none);

 private:
  struct Quote {
    Price price;
    Timestamp at;
    Quantity left;
  };

  const Depths depths_;
  std::mutex mutex_;
  std::map<std::string, Quote, std::less<>> quotes_;
};

}  // namespace fafnir
