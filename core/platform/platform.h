#pragma once

#include <memory>
#include <string>

#include "core/auth/auth_service.h"
#include "core/common/clock.h"
#include "core/common/id_generator.h"
#include "core/engine/trade_engine.h"
#include "core/events/outbox_relay.h"
#include "core/order/order_service.h"
#include "core/platform/ports.h"
#include "core/portfolio/portfolio_service.h"
#include "core/security/security_service.h"
#include "core/stock/stock_service.h"
#include "core/user/user_service.h"

namespace fafnir {

struct PlatformOptions {
  PasswordHashingOptions password_hashing;  // default: production-strength argon2id
  LoginThrottling login_throttling;         // default: lock out after 5 failures, from 30 s
  std::string jwt_secret;                   // required; the HMAC key of access tokens
  MarketOptions market;                     // default: seed 0, 24h sessions, simulated FX
  PortfolioOptions portfolio;               // default: 500.00 opening deposit
  TradingOptions trading;                   // default: no commission, no slippage
  // Times tokens and login lockouts; null: the platform's clock. The CLI passes wall time.
  const Clock* session_clock = nullptr;
  // The clock to move when simulated time advances (CLI, scenarios, simulations); null when
  // time is wall-clock (serve). When set it must be the platform's clock.
  ManualClock* simulated_clock = nullptr;
};

// The services of fafnir wired to one set of ports, with each service's event consumer subscribed
// to the stream. Thread-safe, except that settle() calls must not overlap.
class Platform {
 public:
  // Consumer group names, one per consuming service.
  static constexpr std::string_view kSecurityConsumer = "security";
  static constexpr std::string_view kUserConsumer = "user";
  static constexpr std::string_view kPortfolioConsumer = "portfolio";
  static constexpr std::string_view kOrderConsumer = "order";

  // `clock` and `ids` are borrowed and must outlive the platform. Restores the simulated clock,
  // releases reservations a crash left without an order and indexes the resting orders.
  // REQUIRES: the ports are used by no other platform (the embedded transport locks its data
  // directory to ensure it).
  static Result<std::unique_ptr<Platform>> create(Ports ports, const Clock& clock,
                                                  IdGenerator& ids, PlatformOptions options);

  AuthService& auth() { return auth_; }
  SecurityService& security() { return security_; }
  UserService& users() { return users_; }
  StockService& stock() { return stock_; }
  PortfolioService& portfolio() { return portfolio_; }
  OrderService& orders() { return orders_; }
  TradeEngine& engine() { return engine_; }
  EventStream& stream() { return *ports_.stream; }
  // Whether this process drives the market now (see MarketLeadership).
  MarketLeadership& leadership() { return *ports_.leadership; }
  const Clock& clock() const { return clock_; }

  // Publishes committed outbox events and delivers everything due, repeating until nothing is
  // left (events handled may cause further events). Returns the number of deliveries made.
  // Internal error when events still flow after 1000 rounds: use it where nothing else publishes.
  Result<std::size_t> settle();

  // One round of settle(): publishes what the outboxes hold and delivers what is due. Returns the
  // number of events published plus deliveries made; 0 when nothing was pending. For loops that run
  // while requests keep placing orders.
  Result<std::size_t> settle_round();

  // Operator override: `symbol` trades at `price` from now on; the engine reacts at once.
  Status set_price(std::string_view symbol, Price price);

  // Replays imported daily bars for `symbol` (CSV text); the engine reacts at once.
  Status import_bars(std::string_view symbol, std::string_view csv_text);

  // Moves simulated time forward, letting the engine react to every price step and session close.
  Status advance(Duration duration);

 private:
  Platform(Ports ports, const Clock& clock, IdGenerator& ids, PlatformOptions options);
  Status subscribe_consumers();
  struct SettleProgress {
    std::size_t relayed = 0;
    std::size_t delivered = 0;
  };
  Result<SettleProgress> settle_once();

  Ports ports_;
  const Clock& clock_;
  PasswordHasher hasher_;
  JwtCodec jwt_;
  AuthService auth_;
  SecurityService security_;
  UserService users_;
  StockService stock_;
  PortfolioService portfolio_;
  TradeEngine engine_;
  OrderService orders_;
  OutboxRelay relay_;
};

}  // namespace fafnir
