// MarketDriver: drives the engine only while this node leads the market.
#include "server/market_driver.h"

#include <atomic>
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>
#include <spdlog/sinks/stdout_sinks.h>

#include "tests/support/trading_fixture.h"

namespace fafnir {
namespace {

using namespace std::chrono_literals;
using namespace trading_test;

// A lead the test hands out and takes back.
class SwitchedLeadership final : public MarketLeadership {
 public:
  explicit SwitchedLeadership(std::atomic<bool>& leading) : leading_(leading) {}
  Result<bool> hold_or_take() override { return leading_.load(); }

 private:
  std::atomic<bool>& leading_;
};

// Polls `order_id` until its status is `wanted`, for at most two seconds.
bool reaches_within_two_seconds(TradingFixture& f, const std::string& order_id,
                                OrderStatus wanted) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    if (f.order(order_id).status == wanted) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

}  // namespace

TEST_CASE("the market driver reacts to session closes only while this node leads the market",
          "[server][leadership]") {
  std::atomic<bool> leading{false};
  TradingFixtureOptions options;
  options.wrap_ports = [&leading](Ports& ports) {
    ports.leadership = std::make_unique<SwitchedLeadership>(leading);
  };
  TradingFixture f(options);
  f.set_price("AAPL", "100.00");
  Order day_buy = f.place(limit(kBuy, "AAPL", "5", "50.00", TimeInForce::kDay));
  REQUIRE(day_buy.status == OrderStatus::kPending);

  MarketDriver driver(f.platform(), std::chrono::milliseconds(1),
                      std::make_shared<spdlog::logger>("market-driver-test", std::make_shared<spdlog::sinks::stderr_sink_mt>()));
  driver.start();
  const MarketCalendar& calendar = f.platform().stock().calendar();

  f.clock().set(calendar.next_close(f.clock().now()) + std::chrono::minutes(1));
  std::this_thread::sleep_for(200ms);  // many ticks, none of them leading
  CHECK(f.order(day_buy.id).status == OrderStatus::kPending);

  leading = true;
  f.clock().set(calendar.next_close(f.clock().now()) + std::chrono::minutes(1));
  CHECK(reaches_within_two_seconds(f, day_buy.id, OrderStatus::kExpired));
  driver.stop();
  CHECK(f.reserved() == Money());
}

}  // namespace fafnir
