#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/resting_order_index.h"

namespace fafnir {

// Opens a new, empty index.
using RestingOrderIndexOpener = std::function<std::unique_ptr<RestingOrderIndex>()>;

// The behaviour every RestingOrderIndex shares, as Catch2 sections of one story each: the wake
// order of each direction (most aggressive trigger first, ties by arrival), a price equal to the
// trigger, waiting market orders, symbols kept apart and listed while they hold orders, remove,
// an add that moves a key, the range of triggers, and a large book giving back only what a move
// crosses. Call it from a TEST_CASE; `open` is called once per section.
void check_resting_order_index_contract(const RestingOrderIndexOpener& open);

namespace index_test {

constexpr TriggerDirection kBelow = TriggerDirection::kAtOrBelow;
constexpr TriggerDirection kAbove = TriggerDirection::kAtOrAbove;

// The order key of the UUID 00000000-0000-4000-8000-<n as 12 digits>.
OrderKey key(int n);
// `cents` hundredths of a currency unit.
Price at(std::int64_t cents);

// The index's operations, REQUIRE-ing success.
void add(RestingOrderIndex& index, std::string_view symbol, TriggerDirection direction,
         Price trigger, const OrderKey& key);
bool remove(RestingOrderIndex& index, const OrderKey& key);
std::vector<OrderKey> take_crossed(RestingOrderIndex& index, std::string_view symbol, Price price);
std::vector<std::string> symbols(const RestingOrderIndex& index);
std::size_t size(const RestingOrderIndex& index);

}  // namespace index_test
}  // namespace fafnir
