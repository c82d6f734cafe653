#include "tests/support/event_stream_contract.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <stdexcept>

namespace fafnir {
namespace stream_test {

const Timestamp kMarketOpen = Timestamp::from_seconds(1'750'000'000);

Event event_of(std::string id, std::string subject, std::string payload) {
  return Event{std::move(id), std::move(subject), std::move(payload), kMarketOpen};
}

void publish(EventStream& stream, const std::vector<Event>& events) {
  const Status published = stream.publish(events);
  INFO(published.to_string());
  REQUIRE(published.ok());
}

void subscribe(EventStream& stream, ConsumerConfig config, EventHandler handler) {
  const Status subscribed = stream.subscribe(std::move(config), std::move(handler));
  INFO(subscribed.to_string());
  REQUIRE(subscribed.ok());
}

std::size_t dispatch(EventStream& stream) {
  Result<std::size_t> delivered = stream.dispatch();
  INFO(delivered.status().to_string());
  REQUIRE(delivered.ok());
  return *delivered;
}

std::vector<DeadLetter> dead_letters(EventStream& stream, std::string_view group) {
  Result<std::vector<DeadLetter>> letters = stream.dead_letters(group);
  INFO(letters.status().to_string());
  REQUIRE(letters.ok());
  return *letters;
}

EventHandler Inbox::acknowledge() {
  return [this](const Delivery& delivery) {
    deliveries.push_back(delivery);
    return Disposition::Ack();
  };
}

std::vector<std::string> Inbox::ids() const {
  std::vector<std::string> ids;
  for (const Delivery& delivery : deliveries) ids.push_back(delivery.event.id);
  return ids;
}

}  // namespace stream_test

void check_event_stream_contract(const StreamOpener& open) {
  using namespace stream_test;
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;

  ManualClock clock(kMarketOpen);
  std::unique_ptr<EventStream> opened = open(clock);
  REQUIRE(opened != nullptr);
  EventStream& stream = *opened;

  SECTION("a group sees the messages of its subjects in publication order and nothing else") {
    Inbox user_desk;
    Inbox order_desk;
    subscribe(stream, {"user-desk", {"users.>"}}, user_desk.acknowledge());
    subscribe(stream, {"order-desk", {"orders.created", "orders.filled"}},
              order_desk.acknowledge());

    publish(stream, {event_of("u1", "users.registered"), event_of("o1", "orders.created")});
    publish(stream, {event_of("u2", "users.deleted")});
    publish(stream, {event_of("o2", "orders.cancelled"), event_of("o3", "orders.filled"),
                     event_of("u3", "users.registered")});

    CHECK(dispatch(stream) == 5);

    CHECK(user_desk.ids() == std::vector<std::string>{"u1", "u2", "u3"});
    CHECK(order_desk.ids() == std::vector<std::string>{"o1", "o3"});  // not the cancellation
    for (const Inbox* inbox : {&user_desk, &order_desk}) {
      for (std::size_t i = 1; i < inbox->deliveries.size(); ++i) {
        CHECK(inbox->deliveries[i - 1].sequence < inbox->deliveries[i].sequence);
      }
    }
    CHECK(dispatch(stream) == 0);
  }

  SECTION("a delivery carries the event as it was published, first attempt") {
    Inbox inbox;
    subscribe(stream, {"audit", {"orders.>"}}, inbox.acknowledge());

    const Event placed{"order-7", "orders.created", R"({"symbol":"AAPL","quantity":3})",
                       kMarketOpen + minutes(5)};
    publish(stream, {placed});
    REQUIRE(dispatch(stream) == 1);

    REQUIRE(inbox.deliveries.size() == 1);
    const Delivery& delivery = inbox.deliveries.front();
    CHECK(delivery.event.id == placed.id);
    CHECK(delivery.event.subject == placed.subject);
    CHECK(delivery.event.payload == placed.payload);
    CHECK(delivery.event.occurred_at == placed.occurred_at);
    CHECK(delivery.attempt == 1);
    CHECK(delivery.sequence > 0);
  }

  SECTION("every group gets every message, each exactly once") {
    Inbox security;
    Inbox profiles;
    subscribe(stream, {"security", {"users.>"}}, security.acknowledge());
    subscribe(stream, {"profiles", {"users.>"}}, profiles.acknowledge());

    publish(stream, {event_of("alice", "users.registered"), event_of("bob", "users.registered"),
                     event_of("alice-gone", "users.deleted")});
    CHECK(dispatch(stream) == 6);
    CHECK(dispatch(stream) == 0);

    const std::vector<std::string> all{"alice", "bob", "alice-gone"};
    CHECK(security.ids() == all);
    CHECK(profiles.ids() == all);
    for (const Delivery& delivery : security.deliveries) CHECK(delivery.attempt == 1);
    for (const Delivery& delivery : profiles.deliveries) CHECK(delivery.attempt == 1);
  }

  SECTION("an event id published twice is delivered once, the first copy") {
    Inbox inbox;
    SECTION("twice in the same publish call") {
      publish(stream, {event_of("e1", "users.registered", R"({"copy":1})"),
                       event_of("e1", "users.registered", R"({"copy":2})")});
    }
    SECTION("in two publish calls") {
      publish(stream, {event_of("e1", "users.registered", R"({"copy":1})")});
      publish(stream, {event_of("e1", "users.registered", R"({"copy":2})")});
    }
    subscribe(stream, {"profiles", {"users.>"}}, inbox.acknowledge());
    CHECK(dispatch(stream) == 1);
    CHECK(dispatch(stream) == 0);
    REQUIRE(inbox.ids() == std::vector<std::string>{"e1"});
    CHECK(inbox.deliveries.front().event.payload == R"({"copy":1})");
  }

  SECTION("an event id published again after it was handled is not handled again") {
    Inbox inbox;
    subscribe(stream, {"profiles", {"users.>"}}, inbox.acknowledge());
    publish(stream, {event_of("e1", "users.registered")});
    REQUIRE(dispatch(stream) == 1);

    publish(stream, {event_of("e1", "users.registered"), event_of("e2", "users.registered")});
    CHECK(dispatch(stream) == 1);
    CHECK(inbox.ids() == std::vector<std::string>{"e1", "e2"});
  }

  SECTION("a message the handler asks to retry comes back once its delay has passed") {
    std::vector<Delivery> seen;
    subscribe(stream, {"ledger", {"orders.>"}}, [&](const Delivery& delivery) {
      seen.push_back(delivery);
      if (delivery.event.id == "o1" && delivery.attempt == 1) {
        return Disposition::RetryLater(seconds(10), "ledger busy");
      }
      return Disposition::Ack();
    });
    publish(stream, {event_of("o1", "orders.created"), event_of("o2", "orders.created")});

    // The first pass hands out both; o1 is parked, o2 is not held up behind it.
    REQUIRE(dispatch(stream) == 2);
    REQUIRE(seen.size() == 2);
    CHECK(dispatch(stream) == 0);

    clock.advance(seconds(9));
    CHECK(dispatch(stream) == 0);
    CHECK(seen.size() == 2);

    clock.advance(seconds(1));
    REQUIRE(dispatch(stream) == 1);
    REQUIRE(seen.size() == 3);
    CHECK(seen.back().event.id == "o1");
    CHECK(seen.back().attempt == 2);
    CHECK(seen.back().sequence == seen.front().sequence);

    // Acknowledged now: it never comes back, and it is no dead letter.
    clock.advance(hours(1));
    CHECK(dispatch(stream) == 0);
    CHECK(seen.size() == 3);
    CHECK(dead_letters(stream, "ledger").empty());
  }

  SECTION("a message that keeps being retried becomes a dead letter after max_deliveries") {
    std::vector<int> attempts;
    subscribe(
        stream, {"ledger", {"orders.>"}, /*max_deliveries=*/3}, [&](const Delivery& delivery) {
          attempts.push_back(delivery.attempt);
          return Disposition::RetryLater(
              seconds(1), "ledger offline (attempt " + std::to_string(delivery.attempt) + ")");
        });
    Inbox bystander;
    subscribe(stream, {"audit", {"orders.>"}}, bystander.acknowledge());
    publish(stream, {event_of("o1", "orders.created")});

    Timestamp last_attempt_at;
    for (int round = 0; round < 10; ++round) {
      if (dispatch(stream) > 0) last_attempt_at = clock.now();
      clock.advance(seconds(1));
    }

    CHECK(attempts == std::vector<int>{1, 2, 3});
    const std::vector<DeadLetter> letters = dead_letters(stream, "ledger");
    REQUIRE(letters.size() == 1);
    CHECK(letters[0].group == "ledger");
    CHECK(letters[0].event.id == "o1");
    CHECK(letters[0].event.subject == "orders.created");
    CHECK(letters[0].attempts == 3);
    CHECK_THAT(letters[0].reason, Catch::Contains("ledger offline (attempt 3)"));
    CHECK(letters[0].failed_at == last_attempt_at);

    // Another group's fate is its own.
    CHECK(bystander.ids() == std::vector<std::string>{"o1"});
    CHECK(dead_letters(stream, "audit").empty());
  }

  SECTION("giving up makes a dead letter at once") {
    int calls = 0;
    subscribe(stream, {"ledger", {"orders.>"}}, [&](const Delivery& delivery) {
      ++calls;
      if (delivery.event.id == "bad") return Disposition::GiveUp("payload lacks a symbol");
      return Disposition::Ack();
    });
    publish(stream, {event_of("good", "orders.created"), event_of("bad", "orders.created")});

    REQUIRE(dispatch(stream) == 2);
    clock.advance(hours(24));
    CHECK(dispatch(stream) == 0);
    CHECK(calls == 2);

    const std::vector<DeadLetter> letters = dead_letters(stream, "ledger");
    REQUIRE(letters.size() == 1);
    CHECK(letters[0].event.id == "bad");
    CHECK(letters[0].attempts == 1);
    CHECK(letters[0].reason == "payload lacks a symbol");
    CHECK(letters[0].failed_at == kMarketOpen);
    CHECK(dead_letters(stream, "nobody").empty());
  }

  SECTION("a handler that throws is retried later instead of losing the message") {
    std::vector<int> attempts;
    SECTION("it succeeds on the next attempt") {
      subscribe(stream, {"ledger", {"orders.>"}}, [&](const Delivery& delivery) {
        attempts.push_back(delivery.attempt);
        if (delivery.attempt == 1) throw std::runtime_error("connection reset");
        return Disposition::Ack();
      });
      publish(stream, {event_of("o1", "orders.created")});

      CHECK(dispatch(stream) == 1);
      clock.advance(minutes(1));
      CHECK(dispatch(stream) == 1);
      clock.advance(minutes(1));
      CHECK(dispatch(stream) == 0);
      CHECK(attempts == std::vector<int>{1, 2});
      CHECK(dead_letters(stream, "ledger").empty());
    }
    SECTION("it keeps throwing until it becomes a dead letter naming the error") {
      subscribe(stream, {"ledger", {"orders.>"}, /*max_deliveries=*/2},
                [&](const Delivery& delivery) -> Disposition {
                  attempts.push_back(delivery.attempt);
                  throw std::runtime_error("disk full");
                });
      publish(stream, {event_of("o1", "orders.created")});

      for (int round = 0; round < 5; ++round) {
        (void)dispatch(stream);
        clock.advance(minutes(1));
      }
      CHECK(attempts == std::vector<int>{1, 2});
      const std::vector<DeadLetter> letters = dead_letters(stream, "ledger");
      REQUIRE(letters.size() == 1);
      CHECK(letters[0].attempts == 2);
      CHECK_THAT(letters[0].reason, Catch::Contains("disk full"));
    }
  }

  SECTION("a group that joins late starts from the beginning of the stream") {
    Inbox early;
    subscribe(stream, {"security", {"users.>"}}, early.acknowledge());
    publish(stream, {event_of("u1", "users.registered"), event_of("u2", "users.registered")});
    REQUIRE(dispatch(stream) == 2);

    Inbox late;
    subscribe(stream, {"reporting", {"users.>"}}, late.acknowledge());
    CHECK(dispatch(stream) == 2);
    CHECK(late.ids() == std::vector<std::string>{"u1", "u2"});
    CHECK(early.ids() == std::vector<std::string>{"u1", "u2"});
  }

  SECTION("a group is subscribed once per stream and needs a valid configuration") {
    Inbox inbox;
    subscribe(stream, {"profiles", {"users.>"}}, inbox.acknowledge());
    CHECK(stream.subscribe({"profiles", {"orders.>"}}, inbox.acknowledge()).code() ==
          ErrorCode::kAlreadyExists);
    CHECK(stream.subscribe({"", {"users.>"}}, inbox.acknowledge()).code() ==
          ErrorCode::kInvalidArgument);
    CHECK(stream.subscribe({"nameless-subjects", {}}, inbox.acknowledge()).code() ==
          ErrorCode::kInvalidArgument);
    CHECK(stream.subscribe({"no-deliveries", {"users.>"}, 0}, inbox.acknowledge()).code() ==
          ErrorCode::kInvalidArgument);
  }

  SECTION("dispatch with nothing to do delivers nothing") {
    CHECK(dispatch(stream) == 0);  // no groups, no messages

    publish(stream, {event_of("u1", "users.registered")});
    CHECK(dispatch(stream) == 0);  // a message, but no groups

    Inbox inbox;
    subscribe(stream, {"orders-only", {"orders.>"}}, inbox.acknowledge());
    CHECK(dispatch(stream) == 0);  // a group, but not for this subject
    CHECK(inbox.deliveries.empty());
    CHECK(stream.publish({}).ok());
  }

  SECTION("a group's lag is what it has yet to read plus what it will retry, by group name") {
    Inbox audit;
    subscribe(stream, {"zeta-audit", {"orders.>"}}, audit.acknowledge());
    subscribe(stream, {"alpha-ledger", {"orders.>"}}, [](const Delivery& delivery) {
      if (delivery.event.id == "o1") return Disposition::RetryLater(seconds(30), "busy");
      return Disposition::Ack();
    });
    publish(stream, {event_of("o1", "orders.created"), event_of("o2", "orders.created")});

    Result<std::vector<ConsumerLag>> before = stream.lag();
    REQUIRE(before.ok());
    REQUIRE(before->size() == 2);
    CHECK((*before)[0].group == "alpha-ledger");
    CHECK((*before)[0].pending == 2);
    CHECK((*before)[1].group == "zeta-audit");
    CHECK((*before)[1].pending == 2);

    REQUIRE(dispatch(stream) == 4);
    Result<std::vector<ConsumerLag>> after = stream.lag();
    REQUIRE(after.ok());
    CHECK((*after)[0].pending == 1);  // o1 waits for its retry
    CHECK((*after)[1].pending == 0);
  }

  SECTION("a handler may subscribe another group while a dispatch is running") {
    publish(stream, {event_of("u1", "users.registered"), event_of("u2", "users.registered")});
    std::vector<std::string> late_seen;
    Status late_status;
    bool late_subscribed = false;
    subscribe(stream, {"first", {"users.>"}}, [&](const Delivery&) {
      if (!late_subscribed) {
        late_subscribed = true;
        late_status = stream.subscribe({"late", {"users.>"}}, [&](const Delivery& late) {
          late_seen.push_back(late.event.id);
          return Disposition::Ack();
        });
      }
      return Disposition::Ack();
    });
    (void)dispatch(stream);
    (void)dispatch(stream);
    CHECK(late_status.ok());
    CHECK(late_seen == std::vector<std::string>{"u1", "u2"});
  }
}

}  // namespace fafnir
