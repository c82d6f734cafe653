#include "transports/cluster/nats_connection.h"

#include <catch2/catch.hpp>

#include "tests/support/cluster_servers.h"

namespace fafnir {
namespace {

using std::chrono::milliseconds;

const NatsStreamConfig kOrders{"orders", {"orders.>"}};

std::unique_ptr<NatsConnection> connect_or_fail(const ClusterServers& servers) {
  auto nats = NatsConnection::connect(servers.nats_url());
  REQUIRE(nats.ok());
  REQUIRE((*nats)->ensure_stream(kOrders).ok());
  return std::move(nats).value();
}

}  // namespace

TEST_CASE("the orders stream stores an event once however often it is published", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  auto nats = connect_or_fail(*servers);
  REQUIRE(nats->ensure_stream(kOrders).ok());  // idempotent

  auto first = nats->publish("orders.created", R"({"orderId":"o-1"})", "dedupe-o-1");
  REQUIRE(first.ok());
  CHECK(first->stream == "orders");
  CHECK_FALSE(first->duplicate);
  auto again = nats->publish("orders.created", R"({"orderId":"o-1"})", "dedupe-o-1");
  REQUIRE(again.ok());
  CHECK(again->duplicate);
  CHECK(again->sequence == first->sequence);
  auto other = nats->publish("orders.created", R"({"orderId":"o-2"})", "dedupe-o-2");
  REQUIRE(other.ok());
  CHECK(other->sequence == first->sequence + 1);

  SECTION("a subject outside the stream is refused") {
    CHECK_FALSE(nats->publish("nobody.listens", "{}", "dedupe-x").ok());
  }
}

TEST_CASE("a durable consumer group keeps its place and redelivers what it did not ack",
          "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  auto nats = connect_or_fail(*servers);
  REQUIRE(nats->publish("orders.filled", "fill-1", "consumer-fill-1").ok());
  REQUIRE(nats->publish("orders.filled", "fill-2", "consumer-fill-2").ok());
  NatsConsumerConfig settlement{"orders", "test-settlement", "orders.filled"};

  {
    auto consumer = nats->pull_consumer(settlement);
    REQUIRE(consumer.ok());
    auto batch = (*consumer)->fetch(1, milliseconds(2000));
    REQUIRE(batch.ok());
    REQUIRE(batch->size() == 1);
    CHECK(batch->front().subject() == "orders.filled");
    CHECK(batch->front().data() == "fill-1");
    CHECK(batch->front().ack().ok());

    auto next = (*consumer)->fetch(1, milliseconds(2000));
    REQUIRE(next.ok());
    REQUIRE(next->size() == 1);
    CHECK(next->front().data() == "fill-2");
    CHECK(next->front().retry_later(milliseconds(0)).ok());
  }  // the subscription goes; the consumer and its position stay on the server

  auto resumed = nats->pull_consumer(settlement);
  REQUIRE(resumed.ok());
  auto redelivered = (*resumed)->fetch(10, milliseconds(2000));
  REQUIRE(redelivered.ok());
  REQUIRE(redelivered->size() == 1);
  CHECK(redelivered->front().data() == "fill-2");
  CHECK(redelivered->front().give_up().ok());

  auto drained = (*resumed)->fetch(10, milliseconds(200));
  REQUIRE(drained.ok());
  CHECK(drained->empty());
}

TEST_CASE("a pulled message carries its headers and its place in the stream", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  auto nats = NatsConnection::connect(servers->nats_url());
  REQUIRE(nats.ok());
  const NatsStreamConfig probes{"probes", {"probes.>"}};
  REQUIRE((*nats)->ensure_stream(probes).ok());
  REQUIRE((*nats)->publish("probes.one", "first", "probe-1", {{"Probe-Note", "hello"}}).ok());
  REQUIRE((*nats)->publish("probes.two", "second", "probe-2").ok());

  auto consumer = (*nats)->pull_consumer({"probes", "probe-reader", "probes.>"});
  REQUIRE(consumer.ok());
  auto state = (*nats)->consumer_state("probes", "probe-reader");
  REQUIRE(state.ok());
  CHECK(state->pending == 2);
  CHECK(state->ack_pending == 0);

  auto batch = (*consumer)->fetch_available(10, milliseconds(2000));  // returns with what is there
  REQUIRE(batch.ok());
  REQUIRE(batch->size() == 2);
  NatsMessage& first = batch->front();
  CHECK(first.header("Probe-Note") == "hello");
  CHECK(first.header("Nats-Msg-Id") == "probe-1");
  CHECK_FALSE(first.header("Missing").has_value());
  auto info = first.delivery_info();
  REQUIRE(info.ok());
  CHECK(info->stream_sequence == 1);
  CHECK(info->delivered == 1);
  CHECK(info->stored_at_nanos > 0);
  CHECK((*(*nats)->consumer_state("probes", "probe-reader")).ack_pending == 2);
  for (NatsMessage& message : *batch) CHECK(message.ack().ok());
  CHECK((*(*nats)->consumer_state("probes", "probe-reader")).ack_pending == 0);

  auto none = (*consumer)->fetch_available(10, milliseconds(50));
  REQUIRE(none.ok());
  CHECK(none->empty());

  consumer->reset();
  CHECK((*nats)->delete_stream("probes").ok());
  CHECK((*nats)->delete_stream("probes").code() == ErrorCode::kNotFound);
  CHECK((*nats)->consumer_state("probes", "probe-reader").status().code() == ErrorCode::kNotFound);
}

TEST_CASE("an unreachable NATS server is a clear error", "[cluster]") {
  auto nats = NatsConnection::connect("nats://127.0.0.1:1", milliseconds(500));
  REQUIRE_FALSE(nats.ok());
  CHECK(nats.status().message().rfind("nats: cannot connect to NATS at nats://127.0.0.1:1", 0) == 0);
}

}  // namespace fafnir
