#include "core/events/outbox_relay.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/common/clock.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage/sqlite/sqlite_outbox.h"
#include "tests/support/sqlite_rows.h"
#include "tests/support/temp_dir.h"
#include "transports/in_process/in_process_stream.h"

namespace fafnir {
namespace {

const Timestamp kMarketOpen = Timestamp::from_seconds(1'750'000'000);

// A small service store: its own state (orders) plus the outbox every service database carries.
const std::string kOrdersSql = "CREATE TABLE orders (id TEXT PRIMARY KEY, symbol TEXT NOT NULL);" +
                               std::string(kOutboxTableSql);
const Schema kOrdersSchema{"orders-test", {{1, "orders and their outbox", kOrdersSql}}};

std::shared_ptr<SqliteDatabase> open_database(const std::filesystem::path& path) {
  Result<std::shared_ptr<SqliteDatabase>> db = SqliteDatabase::open(path, kOrdersSchema);
  INFO(db.status().to_string());
  REQUIRE(db.ok());
  return *db;
}

std::unique_ptr<InProcessStream> open_stream(const std::filesystem::path& path,
                                             const Clock& clock) {
  Result<std::unique_ptr<InProcessStream>> stream = InProcessStream::open(path, clock);
  INFO(stream.status().to_string());
  REQUIRE(stream.ok());
  return std::move(stream).value();
}

Event order_created(const std::string& order_id) {
  return Event{"evt-" + order_id, "orders.created", R"({"orderId":")" + order_id + R"("})",
               kMarketOpen};
}

// The state change and its event, committed together as a service does it.
Status place_order(SqliteDatabase& db, const std::string& order_id, bool then_fail = false) {
  return db.transaction([&](SqliteDatabase& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement insert,
                            tx.prepare("INSERT INTO orders(id, symbol) VALUES (?, 'AAPL')"));
    FAFNIR_RETURN_IF_ERROR(insert.bind(1, order_id).run());
    FAFNIR_RETURN_IF_ERROR(append_to_outbox(tx, order_created(order_id)));
    if (then_fail) return Status::Internal("the process failed before committing");
    return Status::Ok();
  });
}

void place_orders(SqliteDatabase& db, const std::vector<std::string>& order_ids) {
  for (const std::string& id : order_ids) {
    const Status placed = place_order(db, id);
    INFO(placed.to_string());
    REQUIRE(placed.ok());
  }
}

std::vector<Event> pending(Outbox& outbox) {
  Result<std::vector<Event>> events = outbox.pending(10'000);
  INFO(events.status().to_string());
  REQUIRE(events.ok());
  return *events;
}

std::size_t relay_ok(OutboxRelay& relay) {
  Result<std::size_t> relayed = relay.relay_pending();
  INFO(relayed.status().to_string());
  REQUIRE(relayed.ok());
  return *relayed;
}

std::size_t dispatch(EventStream& stream) {
  Result<std::size_t> delivered = stream.dispatch();
  INFO(delivered.status().to_string());
  REQUIRE(delivered.ok());
  return *delivered;
}

// A consumer that remembers what it was handed and acknowledges it.
struct Inbox {
  std::vector<Event> events;

  EventHandler acknowledge() {
    return [this](const Delivery& delivery) {
      events.push_back(delivery.event);
      return Disposition::Ack();
    };
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> ids;
    for (const Event& event : events) ids.push_back(event.id);
    return ids;
  }
};

// An outbox whose remove() fails a given number of times: the relay published, then the process
// "died" before the outbox learnt about it.
class ForgetfulOutbox final : public Outbox {
 public:
  ForgetfulOutbox(Outbox& real, int failing_removes) : real_(real), failing_(failing_removes) {}

  Result<std::vector<Event>> pending(std::size_t limit) override { return real_.pending(limit); }
  Status remove(const std::vector<std::string>& event_ids) override {
    if (failing_ > 0) {
      --failing_;
      return Status::Internal("crashed before removing relayed events");
    }
    return real_.remove(event_ids);
  }

 private:
  Outbox& real_;
  int failing_;
};

// A service store with an outbox and the stream it relays to, each in its own file.
struct RelayWorld {
  TempDir dir;
  ManualClock clock{kMarketOpen};
  std::shared_ptr<SqliteDatabase> orders_db = open_database(dir.path() / "orders.db");
  SqliteOutbox outbox{orders_db};
  std::unique_ptr<InProcessStream> stream = open_stream(dir.path() / "stream.db", clock);
  Inbox inbox;

  RelayWorld() {
    const Status subscribed = stream->subscribe({"fills", {"orders.>"}}, inbox.acknowledge());
    REQUIRE(subscribed.ok());
  }
};

TEST_CASE("events committed to an outbox are published to the stream and leave the outbox",
          "[outbox]") {
  RelayWorld world;
  place_orders(*world.orders_db, {"o1", "o2", "o3"});
  REQUIRE(pending(world.outbox).size() == 3);

  OutboxRelay relay({&world.outbox}, *world.stream);
  CHECK(relay_ok(relay) == 3);
  CHECK(pending(world.outbox).empty());

  CHECK(dispatch(*world.stream) == 3);
  CHECK(world.inbox.ids() == std::vector<std::string>{"evt-o1", "evt-o2", "evt-o3"});
  const Event expected = order_created("o2");
  CHECK(world.inbox.events[1].subject == expected.subject);
  CHECK(world.inbox.events[1].payload == expected.payload);
  CHECK(world.inbox.events[1].occurred_at == expected.occurred_at);
}

TEST_CASE("a state change that rolls back leaves no event behind", "[outbox]") {
  RelayWorld world;
  place_orders(*world.orders_db, {"o1"});
  CHECK_FALSE(place_order(*world.orders_db, "o2", /*then_fail=*/true).ok());

  Result<std::int64_t> orders = count_rows(*world.orders_db, "orders");
  REQUIRE(orders.ok());
  CHECK(*orders == 1);
  const std::vector<Event> waiting = pending(world.outbox);
  REQUIRE(waiting.size() == 1);
  CHECK(waiting[0].id == "evt-o1");

  OutboxRelay relay({&world.outbox}, *world.stream);
  CHECK(relay_ok(relay) == 1);
  CHECK(dispatch(*world.stream) == 1);
  CHECK(world.inbox.ids() == std::vector<std::string>{"evt-o1"});
}

TEST_CASE("relaying again publishes nothing twice", "[outbox]") {
  RelayWorld world;
  OutboxRelay relay({&world.outbox}, *world.stream);
  place_orders(*world.orders_db, {"o1", "o2"});

  CHECK(relay_ok(relay) == 2);
  CHECK(relay_ok(relay) == 0);
  CHECK(dispatch(*world.stream) == 2);

  place_orders(*world.orders_db, {"o3"});
  CHECK(relay_ok(relay) == 1);
  CHECK(relay_ok(relay) == 0);
  CHECK(dispatch(*world.stream) == 1);
  CHECK(dispatch(*world.stream) == 0);
  CHECK(world.inbox.ids() == std::vector<std::string>{"evt-o1", "evt-o2", "evt-o3"});
}

TEST_CASE("a crash between publishing and removing still delivers each event once", "[outbox]") {
  RelayWorld world;
  place_orders(*world.orders_db, {"o1", "o2", "o3"});

  SECTION("the events already reached the stream when the relay starts over") {
    const Status published = world.stream->publish(pending(world.outbox));
    REQUIRE(published.ok());
    REQUIRE(pending(world.outbox).size() == 3);  // the outbox never heard about it

    OutboxRelay relay({&world.outbox}, *world.stream);
    (void)relay_ok(relay);
    CHECK(pending(world.outbox).empty());
  }
  SECTION("the first relay fails to remove what it published, the next one retries") {
    ForgetfulOutbox forgetful(world.outbox, /*failing_removes=*/1);
    OutboxRelay relay({&forgetful}, *world.stream);
    CHECK_FALSE(relay.relay_pending().ok());
    CHECK(pending(world.outbox).size() == 3);

    (void)relay_ok(relay);
    CHECK(pending(world.outbox).empty());
  }

  CHECK(dispatch(*world.stream) == 3);
  CHECK(dispatch(*world.stream) == 0);
  CHECK(world.inbox.ids() == std::vector<std::string>{"evt-o1", "evt-o2", "evt-o3"});
}

TEST_CASE("the relay drains every outbox, however many batches it takes", "[outbox]") {
  RelayWorld world;
  std::shared_ptr<SqliteDatabase> other_db = open_database(world.dir.path() / "other.db");
  SqliteOutbox other_outbox(other_db);

  std::vector<std::string> many;
  for (int i = 0; i < 600; ++i) many.push_back("bulk-" + std::to_string(1000 + i));
  place_orders(*world.orders_db, many);
  place_orders(*other_db, {"lonely"});

  OutboxRelay relay({&world.outbox, &other_outbox}, *world.stream);
  CHECK(relay_ok(relay) == 601);
  CHECK(pending(world.outbox).empty());
  CHECK(pending(other_outbox).empty());

  CHECK(dispatch(*world.stream) == 601);
  std::vector<std::string> expected;
  for (const std::string& id : many) expected.push_back("evt-" + id);
  expected.push_back("evt-lonely");
  CHECK(world.inbox.ids() == expected);
}

}  // namespace
}  // namespace fafnir
