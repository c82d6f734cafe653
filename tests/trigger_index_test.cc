// TriggerIndex: resting orders ordered by the price that wakes them.

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "core/engine/trigger_index.h"

namespace fafnir {
namespace {

OrderKey key(int n) {
  char uuid[40];
  std::snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012d", n);
  std::optional<OrderKey> parsed = OrderKey::from_uuid(uuid);
  REQUIRE(parsed.has_value());
  return *parsed;
}

Price at(std::int64_t cents) { return Price::from_micros(cents * 10'000); }

constexpr TriggerDirection kBelow = TriggerDirection::kAtOrBelow;
constexpr TriggerDirection kAbove = TriggerDirection::kAtOrAbove;

TEST_CASE("buy limits wake highest limit first, then in the order they arrived", "[index]") {
  TriggerIndex index;
  index.add("AAPL", kBelow, at(9500), key(1));
  index.add("AAPL", kBelow, at(9700), key(2));
  index.add("AAPL", kBelow, at(9600), key(3));
  index.add("AAPL", kBelow, at(9700), key(4));  // same limit as 2, later
  index.add("AAPL", kBelow, at(9000), key(5));  // not reached

  CHECK(index.take_crossed("AAPL", at(9800)).empty());
  CHECK(index.take_crossed("AAPL", at(9500)) ==
        std::vector<OrderKey>{key(2), key(4), key(3), key(1)});
  CHECK(index.size() == 1);
  CHECK(index.contains(key(5)));
  CHECK_FALSE(index.contains(key(2)));
  CHECK(index.take_crossed("AAPL", at(9500)).empty());  // taken means gone
}

TEST_CASE("sell limits and buy stops wake lowest trigger first, then by arrival", "[index]") {
  TriggerIndex index;
  index.add("AAPL", kAbove, at(10500), key(1));
  index.add("AAPL", kAbove, at(10300), key(2));
  index.add("AAPL", kAbove, at(10400), key(3));
  index.add("AAPL", kAbove, at(10300), key(4));
  index.add("AAPL", kAbove, at(11000), key(5));

  CHECK(index.take_crossed("AAPL", at(10299)).empty());
  CHECK(index.take_crossed("AAPL", at(10600)) ==
        std::vector<OrderKey>{key(2), key(4), key(3), key(1)});
  CHECK(index.size() == 1);
}

TEST_CASE("a price equal to the trigger wakes the order, in both directions", "[index]") {
  TriggerIndex index;
  index.add("AAPL", kBelow, at(9500), key(1));  // buy limit 95
  index.add("AAPL", kAbove, at(9500), key(2));  // buy stop 95
  CHECK(index.take_crossed("AAPL", at(9501)) == std::vector<OrderKey>{key(2)});
  CHECK(index.take_crossed("AAPL", at(9499)) == std::vector<OrderKey>{key(1)});

  index.add("AAPL", kBelow, at(9000), key(3));
  index.add("AAPL", kAbove, at(9000), key(4));
  std::vector<OrderKey> both = index.take_crossed("AAPL", at(9000));
  CHECK(both.size() == 2);
  CHECK(index.size() == 0);
}

TEST_CASE("a waiting market order (trigger 0, at or above) wakes on any price", "[index]") {
  TriggerIndex index;
  index.add("AAPL", kAbove, Price(), key(1));
  CHECK(index.take_crossed("AAPL", at(1)) == std::vector<OrderKey>{key(1)});
}

TEST_CASE("symbols are kept apart, listed sorted, and only while they hold orders", "[index]") {
  TriggerIndex index;
  CHECK(index.symbols().empty());
  index.add("MSFT", kBelow, at(30000), key(1));
  index.add("AAPL", kAbove, at(11000), key(2));
  index.add("SHOP.TO", kBelow, at(15000), key(3));
  CHECK(index.symbols() == std::vector<std::string>{"AAPL", "MSFT", "SHOP.TO"});
  CHECK(index.size() == 3);

  CHECK(index.take_crossed("AAPL", at(1)).empty());  // AAPL's book holds only a stop above
  CHECK(index.take_crossed("NOPE", at(1)).empty());
  CHECK(index.take_crossed("MSFT", at(29999)) == std::vector<OrderKey>{key(1)});
  CHECK(index.symbols() == std::vector<std::string>{"AAPL", "SHOP.TO"});
  REQUIRE(index.remove(key(3)));
  CHECK(index.symbols() == std::vector<std::string>{"AAPL"});
  CHECK(index.size() == 1);
}

TEST_CASE("remove takes out exactly one order and reports whether it was there", "[index]") {
  TriggerIndex index;
  index.add("AAPL", kBelow, at(9500), key(1));
  index.add("AAPL", kBelow, at(9500), key(2));
  index.add("AAPL", kBelow, at(9500), key(3));
  CHECK(index.remove(key(2)));
  CHECK_FALSE(index.remove(key(2)));
  CHECK_FALSE(index.remove(key(99)));
  CHECK(index.size() == 2);
  CHECK(index.take_crossed("AAPL", at(9500)) == std::vector<OrderKey>{key(1), key(3)});

  // A removed order may come back, e.g. a stop-limit re-indexed at its limit once triggered.
  index.add("AAPL", kAbove, at(10500), key(1));
  CHECK(index.remove(key(1)));
  index.add("AAPL", kBelow, at(10700), key(1));
  CHECK(index.take_crossed("AAPL", at(10700)) == std::vector<OrderKey>{key(1)});
  CHECK(index.size() == 0);
}

TEST_CASE("a large book gives back only what a move crosses", "[index]") {
  TriggerIndex index;
  for (int i = 0; i < 1000; ++i) index.add("AAPL", kBelow, at(9000 + i), key(i));
  std::vector<OrderKey> crossed = index.take_crossed("AAPL", at(9990));
  REQUIRE(crossed.size() == 10);
  CHECK(crossed.front() == key(999));
  CHECK(crossed.back() == key(990));
  CHECK(index.size() == 990);
}

TEST_CASE("order keys round-trip their UUID", "[index]") {
  const std::string uuid = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
  std::optional<OrderKey> parsed = OrderKey::from_uuid(uuid);
  REQUIRE(parsed.has_value());
  CHECK(parsed->to_uuid() == uuid);
  CHECK(OrderKey::from_uuid("1B4E28BA-2FA1-41D2-883F-0016D3CCA427")->to_uuid() == uuid);
  CHECK_FALSE(OrderKey::from_uuid("not-a-uuid").has_value());
  CHECK_FALSE(OrderKey::from_uuid("1b4e28ba2fa141d2883f0016d3cca427").has_value());
}

}  // namespace
}  // namespace fafnir
