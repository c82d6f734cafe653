// The services on the memory transport: the same story as on the embedded one, nothing on disk.

#include "transports/memory/memory_transport.h"

#include <catch2/catch.hpp>

#include "core/security/permissions.h"
#include "tests/support/temp_dir.h"
#include "tests/support/trading_fixture.h"

namespace fafnir {
namespace {

using namespace trading_test;

TEST_CASE("the memory transport needs a clock and writes nothing to the data directory",
          "[memory]") {
  MemoryTransport transport;
  CHECK(transport.name() == "memory");
  CHECK(transport.open({"/nowhere", nullptr}).status().code() == ErrorCode::kInvalidArgument);

  TempDir dir;
  ManualClock clock(at(kStart));
  Result<Ports> ports = transport.open({dir.path() / "data", &clock});
  REQUIRE(ports.ok());
  CHECK(ports->outboxes.size() == 2);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "data"));
}

TEST_CASE("on the memory transport a user registers, trades and settles as on the embedded one",
          "[memory]") {
  TradingFixture f({.deposit = "1000.00", .in_memory = true});
  CHECK(f.platform().security().require(f.user(), permissions::kOrderStocks).ok());
  f.set_price("AAPL", "100.00");

  Order bought = f.place(market(kBuy, "AAPL", "3"));
  CHECK(bought.status == OrderStatus::kFilled);
  CHECK(f.holding_qty("AAPL") == qty("3"));
  CHECK(f.cash() == money("1200.00"));
  CHECK(f.ledger_sum() == f.cash());

  Order resting = f.place(limit(kBuy, "AAPL", "2", "90.00"));
  CHECK(resting.status == OrderStatus::kPending);
  CHECK(f.reserved() == money("180.00"));
  f.set_price("AAPL", "89.00");
  CHECK(f.order(resting.id).status == OrderStatus::kFilled);
  CHECK(f.reserved() == Money());
  CHECK(f.holding_qty("AAPL") == qty("5"));

  Order too_big = f.place(market(kSell, "AAPL", "6"));
  CHECK(too_big.status == OrderStatus::kRejected);
  CHECK(too_big.reject_reason == "insufficient holdings");

  Result<std::vector<ConsumerLag>> lag = f.platform().stream().lag();
  REQUIRE(lag.ok());
  for (const ConsumerLag& group : *lag) CHECK(group.pending == 0);
}

}  // namespace
}  // namespace fafnir
