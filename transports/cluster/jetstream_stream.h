#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/events/event_stream.h"
#include "core/events/subscription_list.h"
#include "transports/cluster/nats_connection.h"
#include "transports/cluster/postgres_stream_store.h"

namespace fafnir {

// The cluster EventStream: messages in NATS JetStream, retries and dead letters in PostgreSQL.
//
// Streams: `users` (subjects users.>) and `orders` (orders.>), see streams(). A subject belongs to
// the stream named by its first token; publishing, or subscribing a filter, outside them is
// InvalidArgument.
//
// publish() stores each event as one message with the headers Nats-Msg-Id: <event id> and
// Fafnir-Occurred-At: <occurred_at micros>, and event.json() as payload. JetStream drops a message
// whose id it stored within the stream's duplicate window (2 minutes). Unlike the embedded stream,
// publish() is NOT atomic across events: when it fails, a prefix of `events` may be stored.
// Publishing the same events again is safe thanks to the de-duplication, and is what the outbox
// relay does, since it keeps events until they are published.
//
// A consumer group has one durable pull consumer with explicit acknowledgement per stream its
// subjects touch, named after group and stream. Its filter is the group's subject when the group
// has exactly one in that stream, else the whole stream, and the messages that match none of the
// group's subjects are acknowledged without reaching the handler. Every JetStreamStream on the
// same servers (one per node) subscribing a group shares its consumers, so each message goes to
// one of them. Changing a group's subjects needs its consumers deleted on the server first.
//
// Delivery::sequence is the message's sequence in its JetStream stream: it orders the messages of
// one stream (users.* apart from orders.*). Delivery::attempt is 1 on first delivery; a message
// JetStream redelivers because a node died before acknowledging it (after 30 s) counts an attempt.
//
// Retries and dead letters are timed by the injected clock, so they live in PostgreSQL (see
// PostgresStreamStore), not in JetStream: a retry, or a dead letter, is committed before its
// JetStream message is acknowledged (terminated, for a dead letter), so a crash in between
// delivers the message again rather than losing it. dispatch() hands each group its due retries
// first, then what its consumers have, in batches of up to 256.
//
// lag() reports the groups subscribed on this object: what their consumers have not delivered or
// have delivered without acknowledgement yet (the whole stream counts for an unfiltered consumer),
// plus their retries.
//
// Thread-safe; dispatch() calls are serialized. A handler runs holding no lock of the stream but
// the one of the retry claims (PostgresStreamStore::take_due), so it may publish, subscribe, and
// read lag and dead letters (but not dispatch).
class JetStreamStream final : public EventStream {
 public:
  // The JetStream streams, file storage, messages kept 7 days.
  static const std::vector<NatsStreamConfig>& streams();

  // Creates or updates streams() on the server. `clock` times retries and dead letters and must
  // outlive the stream. REQUIRES: `store` is over a migrated stream schema.
  static Result<std::unique_ptr<JetStreamStream>> open(std::unique_ptr<NatsConnection> nats,
                                                       std::unique_ptr<PostgresStreamStore> store,
                                                       const Clock& clock);
  ~JetStreamStream() override;

  Status publish(const std::vector<Event>& events) override;
  Status subscribe_batches(ConsumerConfig config, BatchHandler handler) override;
  Result<std::size_t> dispatch() override;
  Result<std::vector<ConsumerLag>> lag() override;
  Result<std::vector<DeadLetter>> dead_letters(std::string_view group) override;

 private:
  using Subscription = SubscriptionList::Subscription;
  struct Consumer;
  struct Group;

  JetStreamStream(std::unique_ptr<NatsConnection> nats, std::unique_ptr<PostgresStreamStore> store,
                  const Clock& clock);

  Status open_group(const ConsumerConfig& config);
  Group* find_group(std::string_view name);
  Result<std::size_t> dispatch_to(const Subscription& subscription);
  Result<std::size_t> deliver_retries(const Subscription& subscription);
  Result<std::size_t> deliver_new(const Subscription& subscription, Consumer& consumer);

  std::unique_ptr<NatsConnection> nats_;  // outlives the consumers in groups_
  std::unique_ptr<PostgresStreamStore> store_;
  const Clock& clock_;
  SubscriptionList subscriptions_;
  std::mutex groups_mutex_;  // guards the map, not the groups in it (dispatch() is serialized)
  std::map<std::string, std::unique_ptr<Group>, std::less<>> groups_;
};

}  // namespace fafnir
