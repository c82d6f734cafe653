// The order store contract on both implementations.

#include <catch2/catch.hpp>

#include "storage/memory/memory_order_store.h"
#include "storage/order/sqlite_order_store.h"
#include "storage/sqlite/sqlite_outbox.h"
#include "tests/support/order_store_contract.h"
#include "tests/support/temp_dir.h"

namespace fafnir {

TEST_CASE("the SQLite order store keeps the order store contract", "[order][sqlite]") {
  TempDir dir;
  auto db = SqliteDatabase::open(dir.path() / "order.db", SqliteOrderStore::schema());
  REQUIRE(db.ok());
  SqliteOrderStore store(*db);
  SqliteOutbox outbox(*db);
  check_order_store_contract(store, outbox);
}

TEST_CASE("the memory order store keeps the order store contract", "[order][memory]") {
  MemoryOutbox outbox;
  MemoryOrderStore store(outbox);
  check_order_store_contract(store, outbox);
}

TEST_CASE("a memory order unit that throws keeps nothing", "[order][memory]") {
  MemoryOutbox outbox;
  MemoryOrderStore store(outbox);
  Order order;
  order.id = "o-1";
  order.user_id = "ada";
  CHECK_THROWS(store.transact([&](OrderTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(tx.insert(order));
    FAFNIR_RETURN_IF_ERROR(tx.publish(Event{"e-1", "orders.created", "{}", Timestamp{}}));
    throw std::runtime_error("out of memory, say");
  }));
  CHECK_FALSE(store.find("o-1")->has_value());
  CHECK(store.orders_of("ada")->empty());
  CHECK(outbox.pending(10)->empty());
  REQUIRE(store.transact([&](OrderTransaction& tx) { return tx.insert(order); }).ok());
}

}  // namespace fafnir
