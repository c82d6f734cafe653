#include "tests/support/resting_order_index_contract.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <limits>

namespace fafnir {
namespace index_test {

OrderKey key(int n) {
  char uuid[40];
  std::snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012d", n);
  std::optional<OrderKey> parsed = OrderKey::from_uuid(uuid);
  REQUIRE(parsed.has_value());
  return *parsed;
}

Price at(std::int64_t cents) { return Price::from_micros(cents * 10'000); }

void add(RestingOrderIndex& index, std::string_view symbol, TriggerDirection direction,
         Price trigger, const OrderKey& key) {
  const Status added = index.add(symbol, direction, trigger, key);
  INFO(added.to_string());
  REQUIRE(added.ok());
}

bool remove(RestingOrderIndex& index, const OrderKey& key) {
  Result<bool> removed = index.remove(key);
  INFO(removed.status().to_string());
  REQUIRE(removed.ok());
  return *removed;
}

std::vector<OrderKey> take_crossed(RestingOrderIndex& index, std::string_view symbol, Price price) {
  Result<std::vector<OrderKey>> taken = index.take_crossed(symbol, price);
  INFO(taken.status().to_string());
  REQUIRE(taken.ok());
  return *taken;
}

std::vector<std::string> symbols(const RestingOrderIndex& index) {
  Result<std::vector<std::string>> listed = index.symbols();
  INFO(listed.status().to_string());
  REQUIRE(listed.ok());
  return *listed;
}

std::size_t size(const RestingOrderIndex& index) {
  Result<std::size_t> counted = index.size();
  INFO(counted.status().to_string());
  REQUIRE(counted.ok());
  return *counted;
}

}  // namespace index_test

void check_resting_order_index_contract(const RestingOrderIndexOpener& open) {
  using namespace index_test;
  using Keys = std::vector<OrderKey>;

  std::unique_ptr<RestingOrderIndex> opened = open();
  REQUIRE(opened != nullptr);
  RestingOrderIndex& index = *opened;
  CHECK(size(index) == 0);
  CHECK(symbols(index).empty());

  SECTION("buy limits and sell stops wake highest trigger first, then in the order they arrived") {
    add(index, "AAPL", kBelow, at(9500), key(1));
    add(index, "AAPL", kBelow, at(9700), key(2));
    add(index, "AAPL", kBelow, at(9600), key(3));
    add(index, "AAPL", kBelow, at(9700), key(4));  // same trigger as 2, later
    add(index, "AAPL", kBelow, at(9000), key(5));  // not reached

    CHECK(take_crossed(index, "AAPL", at(9800)).empty());
    CHECK(take_crossed(index, "AAPL", at(9500)) == Keys{key(2), key(4), key(3), key(1)});
    CHECK(size(index) == 1);
    CHECK(take_crossed(index, "AAPL", at(9500)).empty());  // taken means gone
    CHECK(take_crossed(index, "AAPL", at(9000)) == Keys{key(5)});
  }

  SECTION("sell limits and buy stops wake lowest trigger first, then in the order they arrived") {
    add(index, "AAPL", kAbove, at(10500), key(1));
    add(index, "AAPL", kAbove, at(10300), key(2));
    add(index, "AAPL", kAbove, at(10400), key(3));
    add(index, "AAPL", kAbove, at(10300), key(4));
    add(index, "AAPL", kAbove, at(11000), key(5));

    CHECK(take_crossed(index, "AAPL", at(10299)).empty());
    CHECK(take_crossed(index, "AAPL", at(10600)) == Keys{key(2), key(4), key(3), key(1)});
    CHECK(size(index) == 1);
  }

  SECTION("a price equal to the trigger wakes the order; at-or-below ones come first") {
    add(index, "AAPL", kBelow, at(9500), key(1));  // buy limit 95
    add(index, "AAPL", kAbove, at(9500), key(2));  // buy stop 95
    CHECK(take_crossed(index, "AAPL", at(9501)) == Keys{key(2)});
    CHECK(take_crossed(index, "AAPL", at(9499)) == Keys{key(1)});

    add(index, "AAPL", kAbove, at(9000), key(3));
    add(index, "AAPL", kBelow, at(9000), key(4));
    CHECK(take_crossed(index, "AAPL", at(9000)) == Keys{key(4), key(3)});
    CHECK(size(index) == 0);
  }

  SECTION("a waiting market order (trigger 0, at or above) wakes on any price") {
    add(index, "AAPL", kAbove, Price(), key(1));
    add(index, "AAPL", kAbove, Price(), key(2));
    CHECK(take_crossed(index, "AAPL", at(1)) == Keys{key(1), key(2)});
  }

  SECTION("symbols are kept apart, listed sorted, and only while they hold orders") {
    add(index, "MSFT", kBelow, at(30000), key(1));
    add(index, "AAPL", kAbove, at(11000), key(2));
    add(index, "SHOP.TO", kBelow, at(15000), key(3));
    add(index, "BRK B:A", kBelow, at(15000), key(4));
    CHECK(symbols(index) == std::vector<std::string>{"AAPL", "BRK B:A", "MSFT", "SHOP.TO"});
    CHECK(size(index) == 4);

    CHECK(take_crossed(index, "AAPL", at(1)).empty());  // AAPL holds only a stop above
    CHECK(take_crossed(index, "NOPE", at(1)).empty());
    CHECK(take_crossed(index, "BRK B", at(1)).empty());
    CHECK(take_crossed(index, "MSFT", at(29999)) == Keys{key(1)});
    CHECK(symbols(index) == std::vector<std::string>{"AAPL", "BRK B:A", "SHOP.TO"});
    CHECK(remove(index, key(3)));
    CHECK(symbols(index) == std::vector<std::string>{"AAPL", "BRK B:A"});
    CHECK(take_crossed(index, "BRK B:A", at(1)) == Keys{key(4)});
    CHECK(symbols(index) == std::vector<std::string>{"AAPL"});
    CHECK(size(index) == 1);
  }

  SECTION("remove takes out exactly one order and reports whether it was there") {
    add(index, "AAPL", kBelow, at(9500), key(1));
    add(index, "AAPL", kBelow, at(9500), key(2));
    add(index, "AAPL", kBelow, at(9500), key(3));
    CHECK(remove(index, key(2)));
    CHECK_FALSE(remove(index, key(2)));
    CHECK_FALSE(remove(index, key(99)));
    CHECK(size(index) == 2);
    CHECK(take_crossed(index, "AAPL", at(9500)) == Keys{key(1), key(3)});
    CHECK_FALSE(remove(index, key(1)));  // taken
    CHECK(symbols(index).empty());

    // A removed order may come back, e.g. a stop-limit re-indexed at its limit once triggered.
    add(index, "AAPL", kAbove, at(10500), key(1));
    CHECK(remove(index, key(1)));
    add(index, "AAPL", kBelow, at(10700), key(1));
    CHECK(take_crossed(index, "AAPL", at(10700)) == Keys{key(1)});
    CHECK(size(index) == 0);
  }

  SECTION("adding a key that is there moves it, behind the orders already at its trigger") {
    add(index, "AAPL", kBelow, at(9500), key(1));
    add(index, "AAPL", kBelow, at(9500), key(2));
    add(index, "AAPL", kBelow, at(9500), key(3));
    add(index, "AAPL", kBelow, at(9500), key(1));
    CHECK(size(index) == 3);
    CHECK(take_crossed(index, "AAPL", at(9500)) == Keys{key(2), key(3), key(1)});

    // A stop-limit whose stop triggered rests again at its limit, on the other side.
    add(index, "AAPL", kAbove, at(10500), key(4));
    add(index, "AAPL", kBelow, at(10700), key(4));
    CHECK(size(index) == 1);
    CHECK(take_crossed(index, "AAPL", at(10600)) == Keys{key(4)});

    // Moved to another symbol: the first one no longer lists it.
    add(index, "AAPL", kBelow, at(9500), key(5));
    add(index, "MSFT", kAbove, at(30000), key(5));
    CHECK(symbols(index) == std::vector<std::string>{"MSFT"});
    CHECK(take_crossed(index, "AAPL", at(1)).empty());
    CHECK(take_crossed(index, "MSFT", at(30000)) == Keys{key(5)});
    CHECK(size(index) == 0);
  }

  SECTION("triggers from 0 to kMaxTrigger rest; others are refused and change nothing") {
    add(index, "AAPL", kBelow, at(9500), key(1));
    for (Price bad : {Price::from_micros(-1), kMaxTrigger + Price::from_micros(1),
                      Price::from_micros(std::numeric_limits<std::int64_t>::max())}) {
      CHECK(index.add("AAPL", kAbove, bad, key(1)).code() == ErrorCode::kInvalidArgument);
      CHECK(index.add("MSFT", kAbove, bad, key(2)).code() == ErrorCode::kInvalidArgument);
    }
    CHECK(size(index) == 1);
    CHECK(symbols(index) == std::vector<std::string>{"AAPL"});
    CHECK(take_crossed(index, "AAPL", at(9500)) == Keys{key(1)});

    add(index, "AAPL", kAbove, kMaxTrigger, key(2));
    add(index, "AAPL", kBelow, kMaxTrigger, key(3));
    add(index, "AAPL", kBelow, kMaxTrigger - Price::from_micros(1), key(4));
    CHECK(take_crossed(index, "AAPL", kMaxTrigger - Price::from_micros(1)) == Keys{key(3), key(4)});
    CHECK(take_crossed(index, "AAPL", kMaxTrigger - Price::from_micros(1)).empty());
    CHECK(take_crossed(index, "AAPL", kMaxTrigger) == Keys{key(2)});

    add(index, "AAPL", kBelow, Price(), key(5));
    add(index, "AAPL", kAbove, kMaxTrigger, key(6));
    const Price lowest = Price::from_micros(std::numeric_limits<std::int64_t>::min());
    const Price highest = Price::from_micros(std::numeric_limits<std::int64_t>::max());
    CHECK(take_crossed(index, "AAPL", lowest) == Keys{key(5)});
    CHECK(take_crossed(index, "AAPL", highest) == Keys{key(6)});
  }

  SECTION("a large book gives back only what a move crosses") {
    for (int i = 0; i < 1000; ++i) add(index, "AAPL", kBelow, at(9000 + i), key(i));
    std::vector<OrderKey> crossed = take_crossed(index, "AAPL", at(9990));
    REQUIRE(crossed.size() == 10);
    CHECK(crossed.front() == key(999));
    CHECK(crossed.back() == key(990));
    CHECK(size(index) == 990);
  }
}

}  // namespace fafnir
