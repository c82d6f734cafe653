#include "bench/lifecycle_bench.h"

#include <algorithm>
#include <chrono>

#include "bench/sqlite_ceiling.h"
#include "core/common/encoding.h"
#include "core/platform/platform.h"
#include "transports/embedded/embedded_transport.h"

namespace fafnir {
namespace {

constexpr std::size_t kSettleEvery = 256;

}  // namespace

Result<LifecycleBenchResult> run_lifecycle_bench(std::size_t orders,
                                                 const std::filesystem::path& work_dir) {
  if (orders == 0) return Status::InvalidArgument("--orders must be positive");
  ManualClock clock(*parse_rfc3339("2026-01-05T15:00:00Z"));
  RandomIdGenerator ids;
  EmbeddedTransport transport;
  FAFNIR_ASSIGN_OR_RETURN(Ports ports, transport.open({work_dir / "fafnir", &clock}));
  PlatformOptions options;
  options.jwt_secret = random_token();
  options.password_hashing = PasswordHashingOptions::fast_for_tests();
  options.market.start = clock.now();
  options.simulated_clock = &clock;
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<Platform> platform,
                          Platform::create(std::move(ports), clock, ids, std::move(options)));

  FAFNIR_ASSIGN_OR_RETURN(std::string user, platform->auth().register_user(
                                                {"bench@example.com", "benchmark", "B", "Ench"}));
  FAFNIR_ASSIGN_OR_RETURN(Account account, platform->portfolio().create_account(
                                               user, AccountType::kInvestment, Currency::kUsd));
  FAFNIR_RETURN_IF_ERROR(
      platform->portfolio()
          .deposit(user, account.id, Money::from_micros(900'000'000'000'000), Currency::kUsd)
          .status());
  FAFNIR_RETURN_IF_ERROR(platform->set_price("AAPL", Price::from_micros(100'000'000)));
  FAFNIR_RETURN_IF_ERROR(platform->settle().status());

  FAFNIR_ASSIGN_OR_RETURN(double before, measure_sqlite_ceiling(orders, work_dir / "ceiling-1"));
  OrderRequest buy{"AAPL", OrderSide::kBuy, OrderType::kMarket, Quantity::from_micros(1'000'000),
                   std::nullopt, std::nullopt, TimeInForce::kGtc};
  auto start = std::chrono::steady_clock::now();
  for (std::size_t n = 1; n <= orders; ++n) {
    FAFNIR_ASSIGN_OR_RETURN(Order order, platform->orders().place(user, buy));
    if (order.status != OrderStatus::kFilled) {
      return Status::Internal("benchmark order ended " +
                              std::string(order_status_name(order.status)) + ": " +
                              order.reject_reason);
    }
    if (n % kSettleEvery == 0) FAFNIR_RETURN_IF_ERROR(platform->settle().status());
  }
  FAFNIR_RETURN_IF_ERROR(platform->settle().status());
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

  FAFNIR_ASSIGN_OR_RETURN(Holding held, platform->portfolio().holding(user, account.id, "AAPL"));
  if (held.quantity != Quantity::from_micros(static_cast<std::int64_t>(orders) * 1'000'000)) {
    return Status::Internal("benchmark settled " + held.quantity.format(0) + " shares, expected " +
                            std::to_string(orders));
  }
  LifecycleBenchResult result;
  result.orders = orders;
  result.orders_per_second = static_cast<double>(orders) / elapsed.count();
  // The disk is shared and noisy: measure the ceiling on both sides of the core's run and keep
  // the better figure, so the comparison is never flattered.
  FAFNIR_ASSIGN_OR_RETURN(double after, measure_sqlite_ceiling(orders, work_dir / "ceiling-2"));
  result.sqlite_ceiling_per_second = std::max(before, after);
  return result;
}

}  // namespace fafnir
