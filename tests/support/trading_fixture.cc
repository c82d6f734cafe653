#include "tests/support/trading_fixture.h"

#include <catch2/catch.hpp>

#include "core/auth/password_hasher.h"
#include "tests/support/fixture_transport.h"
#include "transports/memory/memory_transport.h"

namespace fafnir::trading_test {
namespace {

template <typename T>
T parsed_or_fail(Result<T> parsed, std::string_view text) {
  INFO("literal '" << text << "': " << parsed.status().to_string());
  REQUIRE(parsed.ok());
  return *parsed;
}

}  // namespace

Timestamp at(std::string_view rfc3339) { return parsed_or_fail(parse_rfc3339(rfc3339), rfc3339); }
Money money(std::string_view text) { return parsed_or_fail(Money::parse(text), text); }
Price px(std::string_view text) { return parsed_or_fail(Price::parse(text), text); }
Quantity qty(std::string_view text) { return parsed_or_fail(Quantity::parse(text), text); }

OrderRequest market(OrderSide side, std::string_view symbol, std::string_view quantity,
                    TimeInForce tif) {
  OrderRequest request;
  request.symbol = std::string(symbol);
  request.side = side;
  request.type = OrderType::kMarket;
  request.quantity = qty(quantity);
  request.time_in_force = tif;
  return request;
}

OrderRequest limit(OrderSide side, std::string_view symbol, std::string_view quantity,
                   std::string_view limit_price, TimeInForce tif) {
  OrderRequest request = market(side, symbol, quantity, tif);
  request.type = OrderType::kLimit;
  request.limit_price = px(limit_price);
  return request;
}

OrderRequest stop(OrderSide side, std::string_view symbol, std::string_view quantity,
                  std::string_view stop_price, TimeInForce tif) {
  OrderRequest request = market(side, symbol, quantity, tif);
  request.type = OrderType::kStop;
  request.stop_price = px(stop_price);
  return request;
}

OrderRequest stop_limit(OrderSide side, std::string_view symbol, std::string_view quantity,
                        std::string_view stop_price, std::string_view limit_price,
                        TimeInForce tif) {
  OrderRequest request = stop(side, symbol, quantity, stop_price, tif);
  request.type = OrderType::kStopLimit;
  request.limit_price = px(limit_price);
  return request;
}

TradingFixture::TradingFixture(TradingFixtureOptions options)
    : options_(options),
      named_transport_(options.in_memory ? nullptr : fixture_transport_from_environment()),
      clock_(at(options.start)) {
  open();
  user_ = register_user("trader@example.com");
  account_id_ = open_account(user_, AccountType::kInvestment, Currency::kUsd);
  if (money(options_.deposit).is_positive()) deposit(options_.deposit);
}

TradingFixture::~TradingFixture() { platform_.reset(); }

void TradingFixture::open() {
  const TransportContext context{dir_.path() / "data", &clock_};
  Result<Ports> ports = options_.in_memory ? MemoryTransport().open(context)
                                           : open_fixture_ports(named_transport_.get(), context);
  INFO(ports.status().to_string());
  REQUIRE(ports.ok());
  if (options_.wrap_ports) options_.wrap_ports(*ports);
  PlatformOptions options;
  options.password_hashing = PasswordHashingOptions::fast_for_tests();
  options.jwt_secret = "trading-fixture-secret-of-32-bytes!!";
  options.market.seed = options_.seed;
  options.market.start = at(options_.start);
  options.simulated_clock = &clock_;
  options.trading = options_.trading;
  Result<std::unique_ptr<Platform>> created =
      Platform::create(std::move(*ports), clock_, ids_, std::move(options));
  INFO(created.status().to_string());
  REQUIRE(created.ok());
  platform_ = std::move(created).value();
}

void TradingFixture::reopen() {
  platform_.reset();  // releases the data directory's lock
  open();
}

std::string TradingFixture::register_user(std::string_view email) {
  Result<std::string> id = platform_->auth().register_user(
      {std::string(email), "correct horse battery staple", "Test", "Trader"});
  INFO(id.status().to_string());
  REQUIRE(id.ok());
  settle();
  return *id;
}

std::string TradingFixture::open_account(std::string_view user, AccountType type,
                                         Currency currency) {
  Result<Account> created = platform_->portfolio().create_account(user, type, currency);
  INFO(created.status().to_string());
  REQUIRE(created.ok());
  return created->id;
}

void TradingFixture::deposit(std::string_view amount) {
  Result<Account> deposited =
      platform_->portfolio().deposit(user_, account_id_, money(amount), Currency::kUsd);
  INFO(deposited.status().to_string());
  REQUIRE(deposited.ok());
}

Result<Order> TradingFixture::try_place(const OrderRequest& request) {
  return platform_->orders().place(user_, request);
}

Result<Order> TradingFixture::try_place_as(std::string_view user, const OrderRequest& request) {
  return platform_->orders().place(user, request);
}

Order TradingFixture::place(const OrderRequest& request) {
  Result<Order> placed = try_place(request);
  INFO(placed.status().to_string());
  REQUIRE(placed.ok());
  settle();
  return *placed;
}

Result<Order> TradingFixture::cancel(std::string_view order_id) {
  Result<Order> canceled = platform_->orders().cancel(user_, order_id);
  if (canceled.ok()) settle();
  return canceled;
}

void TradingFixture::set_price(std::string_view symbol, std::string_view price) {
  Status set = platform_->set_price(symbol, px(price));
  INFO(set.to_string());
  REQUIRE(set.ok());
  settle();
}

void TradingFixture::advance(Duration duration) {
  Status advanced = platform_->advance(duration);
  INFO(advanced.to_string());
  REQUIRE(advanced.ok());
  settle();
}

std::size_t TradingFixture::settle() {
  Result<std::size_t> settled = platform_->settle();
  INFO(settled.status().to_string());
  REQUIRE(settled.ok());
  return *settled;
}

Order TradingFixture::order(std::string_view order_id) {
  Result<Order> found = platform_->orders().order(user_, order_id);
  INFO(found.status().to_string());
  REQUIRE(found.ok());
  return *found;
}

std::vector<Order> TradingFixture::orders() {
  Result<std::vector<Order>> found = platform_->orders().orders(user_);
  INFO(found.status().to_string());
  REQUIRE(found.ok());
  return *found;
}

std::vector<Order> TradingFixture::open_orders() {
  std::vector<Order> open;
  for (Order& order : orders()) {
    if (is_open(order.status)) open.push_back(std::move(order));
  }
  return open;
}

Price TradingFixture::last_price(std::string_view symbol) {
  Result<Price> price = platform_->stock().last_price(symbol);
  INFO(price.status().to_string());
  REQUIRE(price.ok());
  return *price;
}

Account TradingFixture::account(std::string_view user, std::string_view account_id) {
  Result<Account> found = platform_->portfolio().account(user, account_id);
  INFO(found.status().to_string());
  REQUIRE(found.ok());
  return *found;
}

std::optional<Holding> TradingFixture::holding(std::string_view symbol) {
  Result<Holding> found = platform_->portfolio().holding(user_, account_id_, symbol);
  if (!found.ok() && found.status().code() == ErrorCode::kNotFound) return std::nullopt;
  INFO(found.status().to_string());
  REQUIRE(found.ok());
  return *found;
}

Quantity TradingFixture::holding_qty(std::string_view symbol) {
  std::optional<Holding> found = holding(symbol);
  return found ? found->quantity : Quantity();
}

std::vector<LedgerEntry> TradingFixture::ledger(std::string_view user,
                                                std::string_view account_id) {
  Result<std::vector<LedgerEntry>> entries =
      platform_->portfolio().transactions(user, account_id);
  INFO(entries.status().to_string());
  REQUIRE(entries.ok());
  return *entries;
}

Money TradingFixture::ledger_sum(std::string_view user, std::string_view account_id) {
  Money sum;
  for (const LedgerEntry& entry : ledger(user, account_id)) sum += entry.amount;
  return sum;
}

void TradingFixture::capture(std::string_view subject_filter) {
  std::string group = "trading-test-capture-" + std::to_string(++capture_groups_);
  Status subscribed = platform_->stream().subscribe(
      {group, {std::string(subject_filter)}}, [this](const Delivery& delivery) {
        std::lock_guard lock(captured_mutex_);
        captured_.push_back(delivery.event);
        return Disposition::Ack();
      });
  INFO(subscribed.to_string());
  REQUIRE(subscribed.ok());
}

std::vector<Event> TradingFixture::captured() {
  std::lock_guard lock(captured_mutex_);
  return captured_;
}

}  // namespace fafnir::trading_test
