#include "transports/cluster/postgres_order_store.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "tests/cluster/cluster_test_database.h"
#include "tests/support/order_store_contract.h"
#include "transports/cluster/postgres_outbox.h"

namespace fafnir {

TEST_CASE("the PostgreSQL order store keeps the order store contract", "[cluster][order]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  const Schema& schema = PostgresOrderStore::schema();
  std::string url = migrated_postgres_database(*servers, schema);
  PostgresOrderStore store(postgres_schema_connection(url, schema));
  PostgresOutbox outbox(postgres_schema_connection(url, schema));
  check_order_store_contract(store, outbox);
}

TEST_CASE("an order a unit found on one node waits for that unit before another node reads it",
          "[cluster][order]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  const Schema& schema = PostgresOrderStore::schema();
  std::string url = migrated_postgres_database(*servers, schema);
  PostgresOrderStore filling_node(postgres_schema_connection(url, schema));
  PostgresOrderStore canceling_node(postgres_schema_connection(url, schema));
  Order order;
  order.id = "o-1";
  order.user_id = "ada";
  REQUIRE(filling_node.transact([&](OrderTransaction& tx) { return tx.insert(order); }).ok());

  // The filler holds o-1 a while before filling it; the canceller, starting meanwhile, must see
  // the fill rather than the PENDING order the filler is about to change.
  std::promise<void> found_by_filler;
  Status filled;
  std::thread filler([&] {
    filled = filling_node.transact([&](OrderTransaction& tx) -> Status {
      Result<std::optional<Order>> found = tx.find("o-1");
      found_by_filler.set_value();
      FAFNIR_RETURN_IF_ERROR(found.status());
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      Order fill = **found;
      fill.status = OrderStatus::kFilled;
      return tx.update(fill);
    });
  });
  found_by_filler.get_future().wait();
  std::optional<Order> seen_by_canceller;
  Status cancel = canceling_node.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(seen_by_canceller, tx.find("o-1"));
    return Status::Ok();
  });
  filler.join();
  INFO(filled.to_string());
  REQUIRE(filled.ok());
  REQUIRE(cancel.ok());
  REQUIRE(seen_by_canceller);
  CHECK(seen_by_canceller->status == OrderStatus::kFilled);
}

}  // namespace fafnir
