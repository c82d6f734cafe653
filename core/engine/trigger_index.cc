#include "core/engine/trigger_index.h"

#include <algorithm>

namespace fafnir {

bool TriggerIndex::crossed_by(const Side& side, std::int64_t highest_rank) {
  return !side.empty() && side.begin()->first <= highest_rank;
}

Status TriggerIndex::add(std::string_view symbol, TriggerDirection direction, Price trigger,
                         const OrderKey& key) {
  FAFNIR_RETURN_IF_ERROR(check_trigger(trigger));
  auto it = books_.find(symbol);
  if (it == books_.end()) it = books_.emplace(std::string(symbol), Book()).first;
  Book& book = it->second;
  bool below = direction == TriggerDirection::kAtOrBelow;
  Side& side = below ? book.at_or_below : book.at_or_above;
  auto [location, inserted] = locations_.try_emplace(key);
  if (!inserted) location->second.side->erase(location->second.entry);
  // Inserted after the entries of equal rank, so that ties keep their order of arrival.
  std::int64_t rank = below ? -trigger.micros() : trigger.micros();
  location->second = Location{&side, side.emplace(rank, key)};
  return Status::Ok();
}

Result<bool> TriggerIndex::remove(const OrderKey& key) {
  auto found = locations_.find(key);
  if (found == locations_.end()) return false;
  found->second.side->erase(found->second.entry);
  locations_.erase(found);
  return true;
}

void TriggerIndex::take_prefix(Side& side, std::int64_t highest_rank,
                               std::vector<OrderKey>& crossed) {
  auto it = side.begin();
  while (it != side.end() && it->first <= highest_rank) {
    crossed.push_back(it->second);
    locations_.erase(it->second);
    it = side.erase(it);
  }
}

Result<std::vector<OrderKey>> TriggerIndex::take_crossed(std::string_view symbol, Price price) {
  std::vector<OrderKey> crossed;
  auto it = books_.find(symbol);
  if (it == books_.end()) return crossed;
  Book& book = it->second;
  std::int64_t now = comparable_micros(price);
  if (crossed_by(book.at_or_below, -now)) take_prefix(book.at_or_below, -now, crossed);
  if (crossed_by(book.at_or_above, now)) take_prefix(book.at_or_above, now, crossed);
  return crossed;
}

Result<std::vector<std::string>> TriggerIndex::symbols() const {
  std::vector<std::string> symbols;
  for (const auto& [symbol, book] : books_) {
    if (!book.at_or_below.empty() || !book.at_or_above.empty()) symbols.push_back(symbol);
  }
  std::sort(symbols.begin(), symbols.end());
  return symbols;
}

}  // namespace fafnir
