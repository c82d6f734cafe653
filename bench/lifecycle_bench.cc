#include "bench/lifecycle_bench.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "bench/sqlite_ceiling.h"
#include "core/common/encoding.h"
#include "core/platform/platform.h"
#include "transports/embedded/embedded_transport.h"

namespace fafnir {
namespace {

struct Client {
  std::string user;
  std::string account;
  std::size_t orders = 0;
  Status status;
};

Result<Client> open_client(Platform& platform, std::size_t number, std::size_t orders) {
  Client client;
  client.orders = orders;
  FAFNIR_ASSIGN_OR_RETURN(client.user,
                          platform.auth().register_user({"bench" + std::to_string(number) +
                                                             "@example.com",
                                                         "benchmark", "B", "Ench"}));
  FAFNIR_ASSIGN_OR_RETURN(Account account, platform.portfolio().create_account(
                                               client.user, AccountType::kInvestment,
                                               Currency::kUsd));
  client.account = account.id;
  FAFNIR_RETURN_IF_ERROR(
      platform.portfolio()
          .deposit(client.user, account.id, Money::from_micros(900'000'000'000'000),
                   Currency::kUsd)
          .status());
  return client;
}

Status place_market_buys(Platform& platform, const Client& client,
                         std::atomic<std::size_t>& placed) {
  OrderRequest buy{"AAPL", OrderSide::kBuy, OrderType::kMarket, Quantity::from_micros(1'000'000),
                   std::nullopt, std::nullopt, TimeInForce::kGtc};
  for (std::size_t n = 0; n < client.orders; ++n) {
    FAFNIR_ASSIGN_OR_RETURN(Order order, platform.orders().place(client.user, buy));
    if (order.status != OrderStatus::kFilled) {
      return Status::Internal("benchmark order ended " +
                              std::string(order_status_name(order.status)) + ": " +
                              order.reject_reason);
    }
    placed.fetch_add(1);
  }
  return Status::Ok();
}

Status check_settled(Platform& platform, const Client& client) {
  FAFNIR_ASSIGN_OR_RETURN(Holding held,
                          platform.portfolio().holding(client.user, client.account, "AAPL"));
  if (held.quantity != Quantity::from_micros(static_cast<std::int64_t>(client.orders) * 1'000'000)) {
    return Status::Internal("benchmark settled " + held.quantity.format(0) + " shares, expected " +
                            std::to_string(client.orders));
  }
  return Status::Ok();
}

// Runs the clients to completion while this thread settles after every kOrdersPerSettlement
// orders, as the ceiling does.
Status run_clients(Platform& platform, std::vector<Client>& clients) {
  std::atomic<std::size_t> running{clients.size()};
  std::atomic<std::size_t> placed{0};
  std::vector<std::thread> threads;
  for (Client& client : clients) {
    threads.emplace_back([&platform, &client, &running, &placed] {
      client.status = place_market_buys(platform, client, placed);
      running.fetch_sub(1);
    });
  }
  Status settled;
  std::size_t settled_after = 0;
  while (running.load() > 0 && settled.ok()) {
    if (placed.load() - settled_after < kOrdersPerSettlement) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      continue;
    }
    settled_after = placed.load();
    settled = platform.settle_round().status();
  }
  for (std::thread& thread : threads) thread.join();
  FAFNIR_RETURN_IF_ERROR(settled);
  for (const Client& client : clients) FAFNIR_RETURN_IF_ERROR(client.status);
  return platform.settle().status();
}

}  // namespace

Result<LifecycleBenchResult> run_lifecycle_bench(std::size_t orders, std::size_t clients,
                                                 const std::filesystem::path& work_dir) {
  if (orders == 0) return Status::InvalidArgument("--orders must be positive");
  if (clients == 0 || clients > orders) {
    return Status::InvalidArgument("--clients must be between 1 and the number of orders");
  }
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

  std::vector<Client> workers;
  for (std::size_t n = 0; n < clients; ++n) {
    std::size_t share = orders / clients + (n < orders % clients ? 1 : 0);
    FAFNIR_ASSIGN_OR_RETURN(Client client, open_client(*platform, n, share));
    workers.push_back(std::move(client));
  }
  FAFNIR_RETURN_IF_ERROR(platform->set_price("AAPL", Price::from_micros(100'000'000)));
  FAFNIR_RETURN_IF_ERROR(platform->settle().status());

  // The disk is shared and noisy: each reference is measured on both sides of the core's run and
  // the better figure kept, so the comparison is never flattered.
  const std::array<ReservationCommit, 2> shapes{ReservationCommit::kBeforeOrder,
                                                ReservationCommit::kWithSettlement};
  std::array<double, 2> references{};
  for (std::size_t shape = 0; shape < shapes.size(); ++shape) {
    FAFNIR_ASSIGN_OR_RETURN(references[shape],
                            measure_sqlite_ceiling(orders, clients, shapes[shape],
                                                   work_dir / ("before-" + std::to_string(shape))));
  }
  auto start = std::chrono::steady_clock::now();
  FAFNIR_RETURN_IF_ERROR(run_clients(*platform, workers));
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  for (const Client& client : workers) FAFNIR_RETURN_IF_ERROR(check_settled(*platform, client));
  for (std::size_t shape = 0; shape < shapes.size(); ++shape) {
    FAFNIR_ASSIGN_OR_RETURN(double after,
                            measure_sqlite_ceiling(orders, clients, shapes[shape],
                                                   work_dir / ("after-" + std::to_string(shape))));
    references[shape] = std::max(references[shape], after);
  }

  LifecycleBenchResult result;
  result.orders = orders;
  result.clients = clients;
  result.orders_per_second = static_cast<double>(orders) / elapsed.count();
  result.sqlite_ceiling_per_second = references[0];
  result.sqlite_one_commit_per_second = references[1];
  return result;
}

}  // namespace fafnir
