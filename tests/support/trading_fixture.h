#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/id_generator.h"
#include "core/engine/trading_options.h"
#include "core/events/event.h"
#include "core/order/order.h"
#include "core/order/order_request.h"
#include "core/platform/platform.h"
#include "core/platform/ports.h"
#include "core/platform/transport.h"
#include "core/portfolio/account.h"
#include "tests/support/temp_dir.h"

// Helpers for trading stories: one platform on the embedded (or memory) transport in a temp dir,
// on a simulated clock, with a user who holds an INVESTMENT USD account with cash in it.
// Everything lives in its own namespace so that other fixtures' helpers cannot collide with these.
namespace fafnir::trading_test {

inline constexpr std::string_view kStart = "2026-01-05T15:00:00Z";  // a Monday afternoon
inline constexpr std::uint64_t kSeed = 20260105;
inline constexpr OrderSide kBuy = OrderSide::kBuy;
inline constexpr OrderSide kSell = OrderSide::kSell;

// Exact parsing of test literals; a malformed literal fails the test.
Timestamp at(std::string_view rfc3339);
Money money(std::string_view text);
Price px(std::string_view text);
Quantity qty(std::string_view text);

// Order requests, quantities and prices as decimal text.
OrderRequest market(OrderSide side, std::string_view symbol, std::string_view quantity,
                    TimeInForce tif = TimeInForce::kGtc);
OrderRequest limit(OrderSide side, std::string_view symbol, std::string_view quantity,
                   std::string_view limit_price, TimeInForce tif = TimeInForce::kGtc);
OrderRequest stop(OrderSide side, std::string_view symbol, std::string_view quantity,
                  std::string_view stop_price, TimeInForce tif = TimeInForce::kGtc);
OrderRequest stop_limit(OrderSide side, std::string_view symbol, std::string_view quantity,
                        std::string_view stop_price, std::string_view limit_price,
                        TimeInForce tif = TimeInForce::kGtc);

struct TradingFixtureOptions {
  std::string_view deposit = "10000.00";  // on top of the 500.00 opening deposit; "0": none
  std::uint64_t seed = kSeed;             // of the price model
  std::string_view start = kStart;        // where simulated time begins
  TradingOptions trading{};               // default: no commission, no slippage
  // Called with the ports before every platform is created (also on reopen()), e.g. to wrap a
  // store for fault injection; default: none.
  std::function<void(Ports&)> wrap_ports{};
  // The memory transport instead of the embedded one or the one FAFNIR_TEST_TRANSPORT names
  // (then reopen() starts from nothing).
  bool in_memory = false;
};

// A platform on a fresh data directory. Helpers that change state settle the stream afterwards
// (as the CLI does), so that cash, reservations and holdings are up to date when they return;
// the try_* helpers do not settle and do not assert, so threads may call them.
class TradingFixture {
 public:
  explicit TradingFixture(TradingFixtureOptions options = {});
  ~TradingFixture();
  TradingFixture(const TradingFixture&) = delete;
  TradingFixture& operator=(const TradingFixture&) = delete;

  Platform& platform() { return *platform_; }
  ManualClock& clock() { return clock_; }
  const std::string& user() const { return user_; }
  const std::string& account_id() const { return account_id_; }

  // A process restart: destroys the platform and opens a new one on the same directory.
  void reopen();

  // Another registered user, without accounts.
  std::string register_user(std::string_view email);
  std::string open_account(std::string_view user, AccountType type, Currency currency);
  void deposit(std::string_view amount);

  // As OrderService::place for the fixture's user (or `user`), without settling.
  Result<Order> try_place(const OrderRequest& request);
  Result<Order> try_place_as(std::string_view user, const OrderRequest& request);
  // Places, requires success (any status), settles, and returns the order as placed.
  Order place(const OrderRequest& request);
  Result<Order> cancel(std::string_view order_id);  // settles on success

  // Operator override of the price (the engine reacts), then settles.
  void set_price(std::string_view symbol, std::string_view price);
  void advance(Duration duration);  // then settles
  std::size_t settle();

  Order order(std::string_view order_id);
  std::vector<Order> orders();       // the fixture user's, newest first
  std::vector<Order> open_orders();  // PENDING or PARTIAL_FILL
  Price last_price(std::string_view symbol);

  Account account() { return account(user_, account_id_); }
  Account account(std::string_view user, std::string_view account_id);
  Money cash() { return account().balance; }
  Money reserved() { return account().reserved; }
  std::optional<Holding> holding(std::string_view symbol);
  Quantity holding_qty(std::string_view symbol);  // zero when none is held
  std::vector<LedgerEntry> ledger() { return ledger(user_, account_id_); }
  std::vector<LedgerEntry> ledger(std::string_view user, std::string_view account_id);
  Money ledger_sum() { return ledger_sum(user_, account_id_); }
  Money ledger_sum(std::string_view user, std::string_view account_id);

  // From now until reopen(), records every event matching `subject_filter` that the stream
  // delivers (a consumer group of its own, starting at the beginning of the stream).
  void capture(std::string_view subject_filter);
  std::vector<Event> captured();

 private:
  void open();

  TradingFixtureOptions options_;
  // The transport FAFNIR_TEST_TRANSPORT names (see fixture_transport.h); null: embedded/memory.
  std::unique_ptr<Transport> named_transport_;
  TempDir dir_;
  ManualClock clock_;
  RandomIdGenerator ids_;
  std::unique_ptr<Platform> platform_;
  std::string user_;
  std::string account_id_;
  std::mutex captured_mutex_;
  std::vector<Event> captured_;
  int capture_groups_ = 0;
};

}  // namespace fafnir::trading_test
