#include "core/platform/platform.h"

#include "core/engine/trigger_index.h"

namespace fafnir {
namespace {

std::vector<Outbox*> borrow(const std::vector<std::unique_ptr<Outbox>>& outboxes) {
  std::vector<Outbox*> borrowed;
  for (const auto& outbox : outboxes) borrowed.push_back(outbox.get());
  return borrowed;
}

constexpr int kMaxSettleRounds = 1000;

// `ports` with what a process alone gets where a transport shares nothing: an in-memory index of
// resting orders, the market lead and market revisions only it makes.
Ports with_defaults(Ports ports) {
  if (!ports.market_revisions) ports.market_revisions = std::make_unique<LocalMarketRevisions>();
  if (!ports.resting_orders) ports.resting_orders = std::make_unique<TriggerIndex>();
  if (!ports.leadership) ports.leadership = std::make_unique<SoleMarketLeadership>();
  return ports;
}

}  // namespace

Platform::Platform(Ports ports, const Clock& clock, IdGenerator& ids, PlatformOptions options)
    : ports_(with_defaults(std::move(ports))),
      clock_(clock),
      hasher_(options.password_hashing),
      jwt_(std::move(options.jwt_secret)),
      auth_(*ports_.auth, hasher_, jwt_, clock,
            options.session_clock != nullptr ? *options.session_clock : clock, ids,
            options.login_throttling),
      security_(*ports_.security),
      users_(*ports_.profiles),
      stock_(*ports_.market, *ports_.market_revisions, clock, options.simulated_clock, options.market),
      portfolio_(*ports_.portfolio, stock_, clock, ids, options.portfolio),
      engine_(*ports_.orders, *ports_.resting_orders, stock_, portfolio_, clock, ids,
              options.trading),
      orders_(*ports_.orders, stock_, portfolio_, engine_, clock, ids),
      relay_(borrow(ports_.outboxes), *ports_.stream) {}

Result<std::unique_ptr<Platform>> Platform::create(Ports ports, const Clock& clock,
                                                   IdGenerator& ids, PlatformOptions options) {
  if (options.jwt_secret.empty()) return Status::InvalidArgument("a JWT secret is required");
  std::unique_ptr<Platform> platform(
      new Platform(std::move(ports), clock, ids, std::move(options)));
  FAFNIR_RETURN_IF_ERROR(platform->subscribe_consumers());
  FAFNIR_RETURN_IF_ERROR(platform->stock_.restore());
  OrderService& orders = platform->orders_;
  FAFNIR_RETURN_IF_ERROR(platform->portfolio_.release_orphaned_reservations(
      [&orders](std::string_view order_id) { return orders.exists(order_id); }));
  FAFNIR_RETURN_IF_ERROR(platform->engine_.rebuild());
  return platform;
}

Status Platform::subscribe_consumers() {
  EventStream& stream = *ports_.stream;
  std::vector<std::string> user_events{"users.>"};
  FAFNIR_RETURN_IF_ERROR(stream.subscribe({std::string(kSecurityConsumer), user_events},
                                          [this](const Delivery& d) { return security_.on_user_event(d); }));
  FAFNIR_RETURN_IF_ERROR(stream.subscribe({std::string(kUserConsumer), user_events},
                                          [this](const Delivery& d) { return users_.on_user_event(d); }));
  FAFNIR_RETURN_IF_ERROR(stream.subscribe_batches(
      {std::string(kPortfolioConsumer),
       {std::string(subjects::kUsersDeleted), std::string(subjects::kOrdersFilled),
        std::string(subjects::kOrdersCancelled), std::string(subjects::kOrdersExpired),
        std::string(subjects::kOrdersRejected)}},
      [this](const std::vector<Delivery>& batch) { return portfolio_.on_events(batch); }));
  return stream.subscribe({std::string(kOrderConsumer), {std::string(subjects::kUsersDeleted)}},
                          [this](const Delivery& d) { return orders_.on_event(d); });
}

Status Platform::set_price(std::string_view symbol, Price price) {
  FAFNIR_RETURN_IF_ERROR(stock_.set_price(symbol, price));
  return engine_.on_market_moved();
}

Status Platform::import_bars(std::string_view symbol, std::string_view csv_text) {
  FAFNIR_RETURN_IF_ERROR(stock_.import_bars(symbol, csv_text));
  return engine_.on_market_moved();
}

Status Platform::advance(Duration duration) { return stock_.advance(duration, engine_); }

Result<Platform::SettleProgress> Platform::settle_once() {
  SettleProgress progress;
  FAFNIR_ASSIGN_OR_RETURN(progress.relayed, relay_.relay_pending());
  FAFNIR_ASSIGN_OR_RETURN(progress.delivered, ports_.stream->dispatch());
  return progress;
}

Result<std::size_t> Platform::settle_round() {
  FAFNIR_ASSIGN_OR_RETURN(SettleProgress progress, settle_once());
  return progress.relayed + progress.delivered;
}

Result<std::size_t> Platform::settle() {
  std::size_t delivered = 0;
  for (int round = 0; round < kMaxSettleRounds; ++round) {
    FAFNIR_ASSIGN_OR_RETURN(SettleProgress progress, settle_once());
    delivered += progress.delivered;
    if (progress.relayed == 0 && progress.delivered == 0) return delivered;
  }
  return Status::Internal("events kept causing events after 1000 rounds; giving up settling");
}

}  // namespace fafnir

