#include "transports/cluster/postgres_portfolio_store.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <thread>

#include "tests/cluster/cluster_test_database.h"
#include "tests/support/portfolio_store_contract.h"

namespace fafnir {

namespace {

// The account `id` as `store` reads it now; REQUIREs that it exists.
Account stored_account(PostgresPortfolioStore& store, const std::string& id) {
  std::optional<Account> stored;
  REQUIRE(store
              .read([&](PortfolioTransaction& tx) -> Status {
                FAFNIR_ASSIGN_OR_RETURN(stored, tx.find_account(id));
                return Status::Ok();
              })
              .ok());
  REQUIRE(stored);
  return *stored;
}

}  // namespace

TEST_CASE("the PostgreSQL portfolio store keeps the portfolio store contract",
          "[cluster][portfolio]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  PostgresPortfolioStore store(
      migrated_postgres_schema(*servers, PostgresPortfolioStore::schema()));
  check_portfolio_store_contract(store);
}

TEST_CASE("two nodes changing one account take turns, so neither change is lost",
          "[cluster][portfolio]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  const Schema& schema = PostgresPortfolioStore::schema();
  std::string url = migrated_postgres_database(*servers, schema);
  PostgresPortfolioStore first_node(postgres_schema_connection(url, schema));
  PostgresPortfolioStore second_node(postgres_schema_connection(url, schema));
  Account account;
  account.id = "a-1";
  account.user_id = "ada";
  REQUIRE(first_node.transact([&](PortfolioTransaction& tx) { return tx.insert_account(account); })
              .ok());

  // The first node reads the balance and holds on a while before writing it back; the second
  // node's deposit, starting meanwhile, must build on the first one's rather than overwrite it.
  std::promise<void> read_by_first;
  Status first_deposit;
  std::thread slow([&] {
    first_deposit = first_node.transact([&](PortfolioTransaction& tx) -> Status {
      Result<std::optional<Account>> seen = tx.find_account("a-1");
      read_by_first.set_value();
      FAFNIR_RETURN_IF_ERROR(seen.status());
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      Account deposited = **seen;
      deposited.balance += Money::from_micros(100);
      return tx.update_account(deposited);
    });
  });
  read_by_first.get_future().wait();
  Status second_deposit = second_node.transact([](PortfolioTransaction& tx) -> Status {
    Result<std::optional<Account>> seen = tx.find_account("a-1");
    FAFNIR_RETURN_IF_ERROR(seen.status());
    Account deposited = **seen;
    deposited.balance += Money::from_micros(50);
    return tx.update_account(deposited);
  });
  slow.join();
  INFO(first_deposit.to_string());
  REQUIRE(first_deposit.ok());
  REQUIRE(second_deposit.ok());

  Account stored = stored_account(second_node, "a-1");
  CHECK(stored.balance == Money::from_micros(150));
}

TEST_CASE("two nodes reserving for one order take turns, so it is reserved once",
          "[cluster][portfolio]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  const Schema& schema = PostgresPortfolioStore::schema();
  std::string url = migrated_postgres_database(*servers, schema);
  PostgresPortfolioStore first_node(postgres_schema_connection(url, schema));
  PostgresPortfolioStore second_node(postgres_schema_connection(url, schema));
  Account account;
  account.id = "a-1";
  account.user_id = "ada";
  account.balance = Money::from_micros(100);
  REQUIRE(first_node.transact([&](PortfolioTransaction& tx) { return tx.insert_account(account); })
              .ok());

  // Each node reserves 10 for order o-1 unless it finds the reservation made already; the first
  // finds none and holds on a while before reserving.
  auto reserve = [](PortfolioTransaction& tx, const std::function<void()>& after_lookup) -> Status {
    Result<std::optional<Reservation>> existing = tx.find_reservation("o-1");
    after_lookup();
    FAFNIR_RETURN_IF_ERROR(existing.status());
    if (existing->has_value()) return Status::Ok();
    Result<std::optional<Account>> seen = tx.find_account("a-1");
    FAFNIR_RETURN_IF_ERROR(seen.status());
    Account reserving = **seen;
    reserving.reserved += Money::from_micros(10);
    FAFNIR_RETURN_IF_ERROR(tx.update_account(reserving));
    return tx.save_reservation({"o-1", "a-1", "AAPL", Money::from_micros(10), Quantity()});
  };
  std::promise<void> looked_up_by_first;
  Status first_reserve;
  std::thread slow([&] {
    first_reserve = first_node.transact([&](PortfolioTransaction& tx) {
      return reserve(tx, [&] {
        looked_up_by_first.set_value();
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
      });
    });
  });
  looked_up_by_first.get_future().wait();
  Status second_reserve =
      second_node.transact([&](PortfolioTransaction& tx) { return reserve(tx, [] {}); });
  slow.join();
  INFO(first_reserve.to_string());
  REQUIRE(first_reserve.ok());
  REQUIRE(second_reserve.ok());

  Account stored = stored_account(second_node, "a-1");
  CHECK(stored.reserved == Money::from_micros(10));
}

}  // namespace fafnir
