#include "core/engine/liquidity.h"

#include <algorithm>

namespace fafnir {

Quantity Liquidity::take(std::string_view symbol, Price price, Timestamp now, Quantity wanted,
                         bool all_or_none) {
  auto depth = depths_.find(symbol);
  if (depth == depths_.end()) return wanted;
  std::lock_guard lock(mutex_);
  auto quote = quotes_.find(symbol);
  if (quote == quotes_.end()) {
    quote = quotes_.emplace(std::string(symbol), Quote{price, now, depth->second}).first;
  } else if (quote->second.price != price || quote->second.at != now) {
    quote->second = Quote{price, now, depth->second};
  }
  Quantity& left = quote->second.left;
  if (all_or_none && left < wanted) return Quantity();
  Quantity taken = std::min(left, wanted);
  left -= taken;
  return taken;
}

}  // namespace fafnir
