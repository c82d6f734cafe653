#include "transports/cluster/jetstream_stream.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>

#include "tests/cluster/cluster_test_database.h"
#include "tests/cluster/cluster_test_streams.h"
#include "tests/support/event_stream_contract.h"

namespace fafnir {
namespace {

using namespace stream_test;

// Empties the JetStream streams (their consumers go with them) and returns the URL of a new
// database with the stream schema migrated: what a first node of a new cluster finds.
std::string fresh_cluster(const ClusterServers& servers) {
  delete_jetstream_streams(servers);
  return migrated_postgres_database(servers, PostgresStreamStore::schema());
}

// A node's stream over the cluster of `database`.
std::unique_ptr<JetStreamStream> open_node(const ClusterServers& servers,
                                           const std::string& database, const Clock& clock) {
  auto nats = NatsConnection::connect(servers.nats_url());
  REQUIRE(nats.ok());
  const Schema& schema = PostgresStreamStore::schema();
  auto store = std::make_unique<PostgresStreamStore>(postgres_schema_connection(database, schema),
                                                     postgres_schema_connection(database, schema));
  auto stream = JetStreamStream::open(std::move(nats).value(), std::move(store), clock);
  INFO(stream.status().to_string());
  REQUIRE(stream.ok());
  return std::move(stream).value();
}

class TextBody final : public EventBody {
 public:
  std::string to_json() const override { return R"({"from":"body"})"; }
};

}  // namespace

TEST_CASE("the JetStream stream keeps the event stream contract", "[cluster][stream]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  check_event_stream_contract([&](const Clock& clock) -> std::unique_ptr<EventStream> {
    return open_node(*servers, fresh_cluster(*servers), clock);
  });
}

TEST_CASE("the JetStream stream refuses subjects outside its streams", "[cluster][stream]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  ManualClock clock(kMarketOpen);
  auto stream = open_node(*servers, fresh_cluster(*servers), clock);
  Inbox inbox;

  CHECK(stream->publish({event_of("p1", "payments.sent")}).code() == ErrorCode::kInvalidArgument);
  CHECK(stream->publish({event_of("u1", "users")}).code() == ErrorCode::kInvalidArgument);
  // Nothing of a refused publish is stored, not even the events before the bad one.
  CHECK(stream->publish({event_of("u2", "users.registered"), event_of("p2", "payments.sent")})
            .code() == ErrorCode::kInvalidArgument);
  CHECK(stream->subscribe({"everything", {">"}}, inbox.acknowledge()).code() ==
        ErrorCode::kInvalidArgument);
  CHECK(stream->subscribe({"created", {"*.created"}}, inbox.acknowledge()).code() ==
        ErrorCode::kInvalidArgument);

  subscribe(*stream, {"profiles", {"users.>"}}, inbox.acknowledge());
  CHECK(dispatch(*stream) == 0);
}

TEST_CASE("a JetStream delivery carries the text of an event published with only a body",
          "[cluster][stream]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  ManualClock clock(kMarketOpen);
  auto stream = open_node(*servers, fresh_cluster(*servers), clock);
  Inbox inbox;
  subscribe(*stream, {"odd group.name*>", {"orders.created", "users.>"}}, inbox.acknowledge());

  Event placed{"o1", "orders.created", "", kMarketOpen, std::make_shared<TextBody>()};
  publish(*stream, {placed, event_of("u1", "users.registered")});
  REQUIRE(dispatch(*stream) == 2);
  REQUIRE(inbox.deliveries.size() == 2);
  const Delivery& order =
      inbox.deliveries[0].event.id == "o1" ? inbox.deliveries[0] : inbox.deliveries[1];
  CHECK(order.event.payload == R"({"from":"body"})");
  CHECK(order.event.body == nullptr);
}

TEST_CASE("two nodes share a consumer group: each message reaches one of them, retries too",
          "[cluster][stream]") {
  using std::chrono::seconds;
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  ManualClock clock(kMarketOpen);
  std::string database = fresh_cluster(*servers);
  auto first = open_node(*servers, database, clock);
  auto second = open_node(*servers, database, clock);

  std::vector<Delivery> on_first;
  std::vector<Delivery> on_second;
  auto ledger = [](std::vector<Delivery>& seen) {
    return [&seen](const Delivery& delivery) {
      seen.push_back(delivery);
      if (delivery.event.id == "o3" && delivery.attempt == 1) {
        return Disposition::RetryLater(seconds(10), "ledger busy");
      }
      return Disposition::Ack();
    };
  };
  subscribe(*first, {"ledger", {"orders.>"}}, ledger(on_first));
  subscribe(*second, {"ledger", {"orders.>"}}, ledger(on_second));

  std::vector<Event> events;
  for (int i = 1; i <= 5; ++i)
    events.push_back(event_of("o" + std::to_string(i), "orders.created"));
  publish(*second, events);

  std::size_t delivered = dispatch(*first) + dispatch(*second);
  CHECK(delivered == 5);
  CHECK(dispatch(*first) + dispatch(*second) == 0);

  // o3 waits for its retry, which either node may deliver once it is due.
  clock.advance(seconds(10));
  REQUIRE(dispatch(*second) + dispatch(*first) == 1);
  CHECK(dispatch(*first) + dispatch(*second) == 0);

  std::vector<std::string> ids;
  for (const auto* seen : {&on_first, &on_second}) {
    for (const Delivery& delivery : *seen) ids.push_back(delivery.event.id);
  }
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"o1", "o2", "o3", "o3", "o4", "o5"});
  Result<std::vector<ConsumerLag>> lag = first->lag();
  REQUIRE(lag.ok());
  REQUIRE(lag->size() == 1);
  CHECK(lag->front().pending == 0);
}

}  // namespace fafnir
