#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "core/auth/password_hasher.h"
#include "core/common/id_generator.h"
#include "core/platform/platform.h"
#include "tests/cluster/cluster_test_database.h"
#include "tests/cluster/cluster_test_streams.h"
#include "tests/support/temp_dir.h"
#include "tests/support/trading_fixture.h"
#include "transports/cluster/cluster_transport.h"

namespace fafnir {
namespace {

using namespace trading_test;

// One node: a platform on the cluster transport over `servers` and `database`, as `fafnir serve`
// in cluster mode would open it, on a simulated clock and market.
class ClusterNode {
 public:
  ClusterNode(const ClusterServers& servers, std::string database,
              const std::filesystem::path& data_dir)
      : clock_(at(kStart)), transport_(cluster_settings(servers, std::move(database))) {
    Result<Ports> ports = transport_.open({data_dir, &clock_});
    INFO(ports.status().to_string());
    REQUIRE(ports.ok());
    PlatformOptions options;
    options.password_hashing = PasswordHashingOptions::fast_for_tests();
    options.jwt_secret = "cluster-platform-secret-of-32-bytes!";
    options.market.seed = kSeed;
    options.market.start = at(kStart);
    options.simulated_clock = &clock_;
    Result<std::unique_ptr<Platform>> created =
        Platform::create(std::move(*ports), clock_, ids_, std::move(options));
    INFO(created.status().to_string());
    REQUIRE(created.ok());
    platform_ = std::move(created).value();
  }

  Platform& platform() { return *platform_; }

  void settle() {
    Result<std::size_t> settled = platform_->settle();
    INFO(settled.status().to_string());
    REQUIRE(settled.ok());
  }

 private:
  ManualClock clock_;
  RandomIdGenerator ids_;
  ClusterTransport transport_;
  std::unique_ptr<Platform> platform_;
};

template <typename T>
T ok_or_fail(Result<T> result) {
  INFO(result.status().to_string());
  REQUIRE(result.ok());
  return std::move(result).value();
}

}  // namespace

TEST_CASE("a trade on one cluster node is settled once and seen by another node", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  empty_stream_and_redis(*servers);
  std::string database = fresh_postgres_database(*servers);
  TempDir dir;
  const std::filesystem::path data_dir = dir.path() / "data";

  ClusterNode first(*servers, database, data_dir);
  Platform& one = first.platform();
  std::string user = ok_or_fail(one.auth().register_user(
      {"trader@example.com", "correct horse battery staple", "Test", "Trader"}));
  first.settle();
  Account account =
      ok_or_fail(one.portfolio().create_account(user, AccountType::kInvestment, Currency::kUsd));
  ok_or_fail(one.portfolio().deposit(user, account.id, money("10000.00"), Currency::kUsd));
  REQUIRE(one.set_price("AAPL", px("100.00")).ok());
  first.settle();

  Order bought = ok_or_fail(one.orders().place(user, market(kBuy, "AAPL", "10")));
  first.settle();
  CHECK(bought.status == OrderStatus::kFilled);
  CHECK(bought.average_fill_price == px("100.00"));
  CHECK(ok_or_fail(one.portfolio().account(user, account.id)).balance == money("9500.00"));
  CHECK(ok_or_fail(one.portfolio().holding(user, account.id, "AAPL")).quantity == qty("10"));
  // Settling again changes nothing: the fill was settled exactly once.
  first.settle();
  CHECK(ok_or_fail(one.portfolio().account(user, account.id)).balance == money("9500.00"));

  ClusterNode second(*servers, database, data_dir);
  Platform& two = second.platform();
  second.settle();
  LoginSession session =
      ok_or_fail(two.auth().login("trader@example.com", "correct horse battery staple"));
  CHECK(session.user_id == user);
  std::vector<Order> orders = ok_or_fail(two.orders().orders(user));
  REQUIRE(orders.size() == 1);
  CHECK(orders[0].id == bought.id);
  CHECK(orders[0].status == OrderStatus::kFilled);
  CHECK(orders[0].filled_quantity == qty("10"));
  CHECK(ok_or_fail(two.portfolio().account(user, account.id)).balance == money("9500.00"));
  CHECK(ok_or_fail(two.portfolio().holding(user, account.id, "AAPL")).quantity == qty("10"));

  // An order resting on the second node is woken and filled by the first when the price crosses
  // it: the nodes share the index of resting orders.
  Order resting = ok_or_fail(two.orders().place(user, limit(kBuy, "AAPL", "5", "95.00")));
  CHECK(resting.status == OrderStatus::kPending);
  second.settle();
  REQUIRE(one.set_price("AAPL", px("94.00")).ok());
  first.settle();
  Order woken = ok_or_fail(two.orders().order(user, resting.id));
  CHECK(woken.status == OrderStatus::kFilled);
  CHECK(woken.average_fill_price == px("94.00"));
  CHECK(ok_or_fail(two.portfolio().holding(user, account.id, "AAPL")).quantity == qty("15"));
  CHECK(ok_or_fail(two.portfolio().account(user, account.id)).balance == money("9030.00"));

  // The second node quotes the first node's override once it takes it in (the driver of a serving
  // node refreshes every tick), and the first the second's.
  CHECK(ok_or_fail(two.stock().last_price("AAPL")) == px("100.00"));
  CHECK(ok_or_fail(two.stock().refresh()));
  CHECK(ok_or_fail(two.stock().quote("AAPL")).price == px("94.00"));
  REQUIRE(two.stock().set_price("MSFT", px("321.00")).ok());
  CHECK(ok_or_fail(one.stock().refresh()));
  CHECK(ok_or_fail(one.stock().quote("MSFT")).price == px("321.00"));
  CHECK_FALSE(ok_or_fail(one.stock().refresh()));

  // The first node holds the market lead; the second serves without driving the market.
  CHECK(ok_or_fail(one.leadership().hold_or_take()));
  CHECK_FALSE(ok_or_fail(two.leadership().hold_or_take()));

  // Cluster mode keeps nothing on local disk.
  CHECK((!std::filesystem::exists(data_dir) || std::filesystem::is_empty(data_dir)));
}

}  // namespace fafnir
