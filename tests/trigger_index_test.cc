// TriggerIndex: the in-memory resting-order index of one process.

#include "core/engine/trigger_index.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/support/resting_order_index_contract.h"

namespace fafnir {
namespace {

using namespace index_test;

TEST_CASE("the trigger index keeps the resting-order index contract", "[index]") {
  check_resting_order_index_contract([] { return std::make_unique<TriggerIndex>(); });
}

TEST_CASE("the trigger index knows which orders it holds", "[index]") {
  TriggerIndex index;
  add(index, "AAPL", kBelow, at(9500), key(1));
  add(index, "AAPL", kAbove, at(10500), key(2));
  CHECK(index.contains(key(1)));
  CHECK(take_crossed(index, "AAPL", at(9500)) == std::vector<OrderKey>{key(1)});
  CHECK_FALSE(index.contains(key(1)));
  CHECK(remove(index, key(2)));
  CHECK_FALSE(index.contains(key(2)));
}

TEST_CASE("many orders at one trigger are removed one by one without a scan", "[index]") {
  TriggerIndex index;
  constexpr int kOrders = 200'000;
  for (int i = 0; i < kOrders; ++i) add(index, "AAPL", kAbove, Price(), key(i));
  for (int i = 0; i < kOrders; i += 2) REQUIRE(remove(index, key(i)));
  std::vector<OrderKey> woken = take_crossed(index, "AAPL", at(1));
  REQUIRE(woken.size() == kOrders / 2);
  CHECK(woken.front() == key(1));
  CHECK(woken.back() == key(kOrders - 1));
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
