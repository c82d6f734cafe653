#include "core/engine/trigger_index.h"

#include <algorithm>

namespace fafnir {

void TriggerIndex::add(std::string_view symbol, TriggerDirection direction, Price trigger,
                       OrderKey key) {
  auto it = books_.find(symbol);
  if (it == books_.end()) it = books_.emplace(std::string(symbol), Book()).first;
  Book& book = it->second;
  if (direction == TriggerDirection::kAtOrBelow) {
    book.at_or_below.emplace(trigger.micros(), key);
  } else {
    book.at_or_above.emplace(trigger.micros(), key);
  }
  locations_.emplace(key, Location{&book, direction, trigger.micros()});
}

template <typename Side>
void TriggerIndex::erase_from(Side& side, std::int64_t trigger, const OrderKey& key) {
  auto [first, last] = side.equal_range(trigger);
  for (auto it = first; it != last; ++it) {
    if (it->second == key) {
      side.erase(it);
      return;
    }
  }
}

bool TriggerIndex::remove(const OrderKey& key) {
  auto found = locations_.find(key);
  if (found == locations_.end()) return false;
  const Location& location = found->second;
  if (location.direction == TriggerDirection::kAtOrBelow) {
    erase_from(location.book->at_or_below, location.trigger, key);
  } else {
    erase_from(location.book->at_or_above, location.trigger, key);
  }
  locations_.erase(found);
  return true;
}

std::vector<OrderKey> TriggerIndex::take_crossed(std::string_view symbol, Price price) {
  std::vector<OrderKey> crossed;
  auto it = books_.find(symbol);
  if (it == books_.end()) return crossed;
  Book& book = it->second;
  std::int64_t now = price.micros();
  auto below = book.at_or_below.begin();
  while (below != book.at_or_below.end() && below->first >= now) {
    crossed.push_back(below->second);
    locations_.erase(below->second);
    below = book.at_or_below.erase(below);
  }
  auto above = book.at_or_above.begin();
  while (above != book.at_or_above.end() && above->first <= now) {
    crossed.push_back(above->second);
    locations_.erase(above->second);
    above = book.at_or_above.erase(above);
  }
  return crossed;
}

std::vector<std::string> TriggerIndex::symbols() const {
  std::vector<std::string> symbols;
  for (const auto& [symbol, book] : books_) {
    if (!book.at_or_below.empty() || !book.at_or_above.empty()) symbols.push_back(symbol);
  }
  std::sort(symbols.begin(), symbols.end());
  return symbols;
}

}  // namespace fafnir
