#include "transports/in_process/in_process_stream.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/common/clock.h"
#include "core/events/event.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Timestamp kMarketOpen = Timestamp::from_seconds(1'750'000'000);

Event event_of(std::string id, std::string subject, std::string payload = "{}") {
  return Event{std::move(id), std::move(subject), std::move(payload), kMarketOpen};
}

std::unique_ptr<InProcessStream> open_stream(const std::filesystem::path& path,
                                             const Clock& clock) {
  Result<std::unique_ptr<InProcessStream>> stream = InProcessStream::open(path, clock);
  INFO(stream.status().to_string());
  REQUIRE(stream.ok());
  return std::move(stream).value();
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

// A consumer that remembers every delivery it was handed and acknowledges it.
struct Inbox {
  std::vector<Delivery> deliveries;

  EventHandler acknowledge() {
    return [this](const Delivery& delivery) {
      deliveries.push_back(delivery);
      return Disposition::Ack();
    };
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> ids;
    for (const Delivery& delivery : deliveries) ids.push_back(delivery.event.id);
    return ids;
  }
};

// One stream file in a fresh directory, with a clock that moves only when the test says so.
struct StreamWorld {
  TempDir dir;
  ManualClock clock{kMarketOpen};
  std::filesystem::path file = dir.path() / "stream.db";
  std::unique_ptr<InProcessStream> stream = open_stream(file, clock);

  // What a process restart does: the stream object goes away and is opened again from its file.
  void restart() {
    stream.reset();
    stream = open_stream(file, clock);
  }
};

TEST_CASE("subject filters match whole tokens, '*' one token and a final '>' the rest",
          "[stream]") {
  SECTION("an exact filter matches only the same subject") {
    CHECK(subject_matches("users.registered", "users.registered"));
    CHECK_FALSE(subject_matches("users.registered", "users.deleted"));
    CHECK_FALSE(subject_matches("users.registered", "users"));
    CHECK_FALSE(subject_matches("users", "users.registered"));
    CHECK_FALSE(subject_matches("users.registered", "users.registered.eu"));
    CHECK_FALSE(subject_matches("users.reg", "users.registered"));
  }
  SECTION("'*' stands for exactly one token") {
    CHECK(subject_matches("users.*", "users.registered"));
    CHECK(subject_matches("users.*", "users.deleted"));
    CHECK(subject_matches("*.created", "orders.created"));
    CHECK(subject_matches("orders.*.eu", "orders.filled.eu"));
    CHECK_FALSE(subject_matches("users.*", "users"));
    CHECK_FALSE(subject_matches("users.*", "users.a.b"));
    CHECK_FALSE(subject_matches("users.*", "orders.created"));
  }
  SECTION("a final '>' stands for one or more tokens") {
    CHECK(subject_matches("users.>", "users.registered"));
    CHECK(subject_matches("users.>", "users.a.b"));
    CHECK(subject_matches(">", "orders.created"));
    CHECK(subject_matches(">", "orders"));
    CHECK_FALSE(subject_matches("users.>", "users"));
    CHECK_FALSE(subject_matches("users.>", "orders.created"));
    CHECK_FALSE(subject_matches("users.>", "usersx.registered"));
  }
}

TEST_CASE("a group sees the messages of its subjects in publication order and nothing else",
          "[stream]") {
  StreamWorld world;
  Inbox user_desk;
  Inbox order_desk;
  subscribe(*world.stream, {"user-desk", {"users.>"}}, user_desk.acknowledge());
  subscribe(*world.stream, {"order-desk", {"orders.created", "orders.filled"}},
            order_desk.acknowledge());

  publish(*world.stream, {event_of("u1", "users.registered"), event_of("o1", "orders.created")});
  publish(*world.stream, {event_of("u2", "users.deleted")});
  publish(*world.stream, {event_of("o2", "orders.cancelled"), event_of("o3", "orders.filled"),
                          event_of("u3", "users.registered")});

  CHECK(dispatch(*world.stream) == 5);

  CHECK(user_desk.ids() == std::vector<std::string>{"u1", "u2", "u3"});
  CHECK(order_desk.ids() == std::vector<std::string>{"o1", "o3"});  // not the cancellation
  for (const Inbox* inbox : {&user_desk, &order_desk}) {
    for (std::size_t i = 1; i < inbox->deliveries.size(); ++i) {
      CHECK(inbox->deliveries[i - 1].sequence < inbox->deliveries[i].sequence);
    }
  }
  CHECK(dispatch(*world.stream) == 0);
}

TEST_CASE("a delivery carries the event as it was published, first attempt", "[stream]") {
  StreamWorld world;
  Inbox inbox;
  subscribe(*world.stream, {"audit", {"orders.>"}}, inbox.acknowledge());

  const Event placed{"order-7", "orders.created", R"({"symbol":"AAPL","quantity":3})",
                     kMarketOpen + minutes(5)};
  publish(*world.stream, {placed});
  REQUIRE(dispatch(*world.stream) == 1);

  REQUIRE(inbox.deliveries.size() == 1);
  const Delivery& delivery = inbox.deliveries.front();
  CHECK(delivery.event.id == placed.id);
  CHECK(delivery.event.subject == placed.subject);
  CHECK(delivery.event.payload == placed.payload);
  CHECK(delivery.event.occurred_at == placed.occurred_at);
  CHECK(delivery.attempt == 1);
  CHECK(delivery.sequence > 0);
}

TEST_CASE("every group gets every message, each exactly once", "[stream]") {
  StreamWorld world;
  Inbox security;
  Inbox profiles;
  subscribe(*world.stream, {"security", {"users.>"}}, security.acknowledge());
  subscribe(*world.stream, {"profiles", {"users.>"}}, profiles.acknowledge());

  publish(*world.stream,
          {event_of("alice", "users.registered"), event_of("bob", "users.registered"),
           event_of("alice-gone", "users.deleted")});
  CHECK(dispatch(*world.stream) == 6);
  CHECK(dispatch(*world.stream) == 0);

  const std::vector<std::string> all{"alice", "bob", "alice-gone"};
  CHECK(security.ids() == all);
  CHECK(profiles.ids() == all);
  for (const Delivery& delivery : security.deliveries) CHECK(delivery.attempt == 1);
  for (const Delivery& delivery : profiles.deliveries) CHECK(delivery.attempt == 1);
}

TEST_CASE("an event id published twice is delivered once", "[stream]") {
  StreamWorld world;
  Inbox inbox;

  SECTION("twice in the same publish call") {
    publish(*world.stream, {event_of("e1", "users.registered", R"({"copy":1})"),
                            event_of("e1", "users.registered", R"({"copy":2})")});
  }
  SECTION("in two publish calls") {
    publish(*world.stream, {event_of("e1", "users.registered", R"({"copy":1})")});
    publish(*world.stream, {event_of("e1", "users.registered", R"({"copy":2})")});
  }
  SECTION("again after the stream was reopened") {
    publish(*world.stream, {event_of("e1", "users.registered", R"({"copy":1})")});
    world.restart();
    publish(*world.stream, {event_of("e1", "users.registered", R"({"copy":2})")});
  }

  subscribe(*world.stream, {"profiles", {"users.>"}}, inbox.acknowledge());
  CHECK(dispatch(*world.stream) == 1);
  CHECK(dispatch(*world.stream) == 0);
  REQUIRE(inbox.ids() == std::vector<std::string>{"e1"});
  CHECK(inbox.deliveries.front().event.payload == R"({"copy":1})");  // the first copy is kept
}

TEST_CASE("an event id published again after it was handled is not handled again", "[stream]") {
  StreamWorld world;
  Inbox inbox;
  subscribe(*world.stream, {"profiles", {"users.>"}}, inbox.acknowledge());

  publish(*world.stream, {event_of("e1", "users.registered")});
  REQUIRE(dispatch(*world.stream) == 1);

  publish(*world.stream, {event_of("e1", "users.registered"), event_of("e2", "users.registered")});
  CHECK(dispatch(*world.stream) == 1);
  CHECK(inbox.ids() == std::vector<std::string>{"e1", "e2"});
}

TEST_CASE("a message the handler asks to retry comes back once its delay has passed", "[stream]") {
  StreamWorld world;
  std::vector<Delivery> seen;
  subscribe(*world.stream, {"ledger", {"orders.>"}}, [&](const Delivery& delivery) {
    seen.push_back(delivery);
    if (delivery.event.id == "o1" && delivery.attempt == 1) {
      return Disposition::RetryLater(seconds(10), "ledger busy");
    }
    return Disposition::Ack();
  });
  publish(*world.stream, {event_of("o1", "orders.created"), event_of("o2", "orders.created")});

  // The first pass hands out both; o1 is parked, o2 is not held up behind it.
  REQUIRE(dispatch(*world.stream) == 2);
  REQUIRE(seen.size() == 2);
  CHECK(dispatch(*world.stream) == 0);

  world.clock.advance(seconds(9));
  CHECK(dispatch(*world.stream) == 0);
  CHECK(seen.size() == 2);

  world.clock.advance(seconds(1));
  REQUIRE(dispatch(*world.stream) == 1);
  REQUIRE(seen.size() == 3);
  CHECK(seen.back().event.id == "o1");
  CHECK(seen.back().attempt == 2);
  CHECK(seen.back().sequence == seen.front().sequence);

  // Acknowledged now: it never comes back, and it is no dead letter.
  world.clock.advance(hours(1));
  CHECK(dispatch(*world.stream) == 0);
  CHECK(seen.size() == 3);
  CHECK(dead_letters(*world.stream, "ledger").empty());
}

TEST_CASE("a message that keeps being retried becomes a dead letter after max_deliveries",
          "[stream]") {
  StreamWorld world;
  std::vector<int> attempts;
  subscribe(*world.stream, {"ledger", {"orders.>"}, /*max_deliveries=*/3},
            [&](const Delivery& delivery) {
              attempts.push_back(delivery.attempt);
              return Disposition::RetryLater(
                  seconds(1), "ledger offline (attempt " + std::to_string(delivery.attempt) + ")");
            });
  Inbox bystander;
  subscribe(*world.stream, {"audit", {"orders.>"}}, bystander.acknowledge());
  publish(*world.stream, {event_of("o1", "orders.created")});

  Timestamp last_attempt_at;
  for (int round = 0; round < 10; ++round) {
    if (dispatch(*world.stream) > 0) last_attempt_at = world.clock.now();
    world.clock.advance(seconds(1));
  }

  CHECK(attempts == std::vector<int>{1, 2, 3});
  const std::vector<DeadLetter> letters = dead_letters(*world.stream, "ledger");
  REQUIRE(letters.size() == 1);
  CHECK(letters[0].group == "ledger");
  CHECK(letters[0].event.id == "o1");
  CHECK(letters[0].event.subject == "orders.created");
  CHECK(letters[0].attempts == 3);
  CHECK_THAT(letters[0].reason, Catch::Contains("ledger offline (attempt 3)"));
  CHECK(letters[0].failed_at == last_attempt_at);

  // Another group's fate is its own.
  CHECK(bystander.ids() == std::vector<std::string>{"o1"});
  CHECK(dead_letters(*world.stream, "audit").empty());
}

TEST_CASE("giving up makes a dead letter at once, and dead letters survive a restart", "[stream]") {
  StreamWorld world;
  int calls = 0;
  subscribe(*world.stream, {"ledger", {"orders.>"}}, [&](const Delivery& delivery) {
    ++calls;
    if (delivery.event.id == "bad") return Disposition::GiveUp("payload lacks a symbol");
    return Disposition::Ack();
  });
  publish(*world.stream, {event_of("good", "orders.created"), event_of("bad", "orders.created")});

  REQUIRE(dispatch(*world.stream) == 2);
  world.clock.advance(hours(24));
  CHECK(dispatch(*world.stream) == 0);
  CHECK(calls == 2);

  auto check_buried = [&](const std::vector<DeadLetter>& letters) {
    REQUIRE(letters.size() == 1);
    CHECK(letters[0].event.id == "bad");
    CHECK(letters[0].attempts == 1);
    CHECK(letters[0].reason == "payload lacks a symbol");
    CHECK(letters[0].failed_at == kMarketOpen);
  };
  check_buried(dead_letters(*world.stream, "ledger"));

  world.restart();
  check_buried(dead_letters(*world.stream, "ledger"));
  CHECK(dead_letters(*world.stream, "nobody").empty());
}

TEST_CASE("a handler that throws is retried later instead of losing the message", "[stream]") {
  StreamWorld world;
  std::vector<int> attempts;

  SECTION("it succeeds on the next attempt") {
    subscribe(*world.stream, {"ledger", {"orders.>"}}, [&](const Delivery& delivery) {
      attempts.push_back(delivery.attempt);
      if (delivery.attempt == 1) throw std::runtime_error("connection reset");
      return Disposition::Ack();
    });
    publish(*world.stream, {event_of("o1", "orders.created")});

    CHECK(dispatch(*world.stream) == 1);
    world.clock.advance(minutes(1));
    CHECK(dispatch(*world.stream) == 1);
    world.clock.advance(minutes(1));
    CHECK(dispatch(*world.stream) == 0);
    CHECK(attempts == std::vector<int>{1, 2});
    CHECK(dead_letters(*world.stream, "ledger").empty());
  }
  SECTION("it keeps throwing until it becomes a dead letter naming the error") {
    subscribe(*world.stream, {"ledger", {"orders.>"}, /*max_deliveries=*/2},
              [&](const Delivery& delivery) -> Disposition {
                attempts.push_back(delivery.attempt);
                throw std::runtime_error("disk full");
              });
    publish(*world.stream, {event_of("o1", "orders.created")});

    for (int round = 0; round < 5; ++round) {
      (void)dispatch(*world.stream);
      world.clock.advance(minutes(1));
    }
    CHECK(attempts == std::vector<int>{1, 2});
    const std::vector<DeadLetter> letters = dead_letters(*world.stream, "ledger");
    REQUIRE(letters.size() == 1);
    CHECK(letters[0].attempts == 2);
    CHECK_THAT(letters[0].reason, Catch::Contains("disk full"));
  }
}

TEST_CASE("messages published before a restart are delivered after it", "[stream]") {
  StreamWorld world;
  publish(*world.stream, {event_of("u1", "users.registered"), event_of("u2", "users.registered")});
  publish(*world.stream, {event_of("u3", "users.deleted")});

  world.restart();  // nobody dispatched before the process went away

  Inbox inbox;
  subscribe(*world.stream, {"profiles", {"users.>"}}, inbox.acknowledge());
  CHECK(dispatch(*world.stream) == 3);
  CHECK(inbox.ids() == std::vector<std::string>{"u1", "u2", "u3"});
}

TEST_CASE("acknowledged messages are not delivered again after a restart", "[stream]") {
  StreamWorld world;
  {
    Inbox before;
    subscribe(*world.stream, {"profiles", {"users.>"}}, before.acknowledge());
    publish(*world.stream,
            {event_of("u1", "users.registered"), event_of("u2", "users.registered")});
    REQUIRE(dispatch(*world.stream) == 2);
  }

  world.restart();

  Inbox after;
  subscribe(*world.stream, {"profiles", {"users.>"}}, after.acknowledge());
  CHECK(dispatch(*world.stream) == 0);

  publish(*world.stream, {event_of("u3", "users.registered")});
  CHECK(dispatch(*world.stream) == 1);
  CHECK(after.ids() == std::vector<std::string>{"u3"});
}

TEST_CASE("a retry that was pending at a restart still comes back after its delay", "[stream]") {
  StreamWorld world;
  subscribe(*world.stream, {"ledger", {"orders.>"}},
            [](const Delivery&) { return Disposition::RetryLater(seconds(30), "ledger busy"); });
  publish(*world.stream, {event_of("o1", "orders.created")});
  REQUIRE(dispatch(*world.stream) == 1);

  world.restart();

  std::vector<Delivery> seen;
  subscribe(*world.stream, {"ledger", {"orders.>"}}, [&](const Delivery& delivery) {
    seen.push_back(delivery);
    return Disposition::Ack();
  });
  CHECK(dispatch(*world.stream) == 0);
  world.clock.advance(seconds(30));
  CHECK(dispatch(*world.stream) == 1);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].event.id == "o1");
  CHECK(seen[0].attempt == 2);
}

TEST_CASE("a group that joins late starts from the beginning of the stream", "[stream]") {
  StreamWorld world;
  Inbox early;
  subscribe(*world.stream, {"security", {"users.>"}}, early.acknowledge());
  publish(*world.stream, {event_of("u1", "users.registered"), event_of("u2", "users.registered")});
  REQUIRE(dispatch(*world.stream) == 2);

  Inbox late;
  subscribe(*world.stream, {"reporting", {"users.>"}}, late.acknowledge());
  CHECK(dispatch(*world.stream) == 2);
  CHECK(late.ids() == std::vector<std::string>{"u1", "u2"});
  CHECK(early.ids() == std::vector<std::string>{"u1", "u2"});
}

TEST_CASE("a group is subscribed once per stream and needs a valid configuration", "[stream]") {
  StreamWorld world;
  Inbox inbox;

  SECTION("the same group twice is refused") {
    subscribe(*world.stream, {"profiles", {"users.>"}}, inbox.acknowledge());
    const Status again = world.stream->subscribe({"profiles", {"orders.>"}}, inbox.acknowledge());
    CHECK(again.code() == ErrorCode::kAlreadyExists);
  }
  SECTION("a group without a name is refused") {
    CHECK(world.stream->subscribe({"", {"users.>"}}, inbox.acknowledge()).code() ==
          ErrorCode::kInvalidArgument);
  }
  SECTION("a group without subjects is refused") {
    CHECK(world.stream->subscribe({"profiles", {}}, inbox.acknowledge()).code() ==
          ErrorCode::kInvalidArgument);
  }
  SECTION("a group allowed no deliveries is refused") {
    CHECK(world.stream->subscribe({"profiles", {"users.>"}, 0}, inbox.acknowledge()).code() ==
          ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("dispatch with nothing to do delivers nothing", "[stream]") {
  StreamWorld world;
  CHECK(dispatch(*world.stream) == 0);  // no groups, no messages

  publish(*world.stream, {event_of("u1", "users.registered")});
  CHECK(dispatch(*world.stream) == 0);  // a message, but no groups

  Inbox inbox;
  subscribe(*world.stream, {"orders-only", {"orders.>"}}, inbox.acknowledge());
  CHECK(dispatch(*world.stream) == 0);  // a group, but not for this subject
  CHECK(inbox.deliveries.empty());
  CHECK(world.stream->publish({}).ok());
}

// The stream claims thread safety, so a group may be subscribed while another group's handler is
// running. A handler subscribing a group is the deterministic way to make that happen. Run in a
// child process so that memory corruption, should it happen, fails this test instead of the run.
TEST_CASE("a group can be subscribed while a dispatch is running", "[stream]") {
  StreamWorld world;
  publish(*world.stream, {event_of("u1", "users.registered"), event_of("u2", "users.registered")});
  world.stream.reset();  // the child opens its own connection; none crosses the fork

  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int verdict = 1;
    try {
      // Let a crash be a crash, not a report from the test framework's handlers in this copy.
      for (int signal_number : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE}) {
        signal(signal_number, SIG_DFL);
      }
      alarm(60);
      Result<std::unique_ptr<InProcessStream>> opened =
          InProcessStream::open(world.file, world.clock);
      if (!opened.ok()) _exit(10);
      InProcessStream& stream = **opened;
      std::vector<std::string> first_seen;
      std::vector<std::string> late_seen;
      bool late_subscribed = false;
      Status late_status;
      Status first_status = stream.subscribe({"first", {"users.>"}}, [&](const Delivery& delivery) {
        first_seen.push_back(delivery.event.id);
        if (!late_subscribed) {
          late_subscribed = true;
          late_status = stream.subscribe({"late", {"users.>"}}, [&](const Delivery& late) {
            late_seen.push_back(late.event.id);
            return Disposition::Ack();
          });
        }
        return Disposition::Ack();
      });
      if (!first_status.ok()) _exit(11);
      Result<std::size_t> round1 = stream.dispatch();
      if (!round1.ok() || !late_status.ok()) _exit(12);
      Result<std::size_t> round2 = stream.dispatch();
      if (!round2.ok()) _exit(13);
      const std::vector<std::string> both{"u1", "u2"};
      if (first_seen != both) _exit(14);
      if (late_seen != both) _exit(15);
      verdict = 0;
    } catch (...) {
      verdict = 16;
    }
    _exit(verdict);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  // Exit codes 10-16 name the step that went wrong in the child; a signal means it crashed.
  INFO("child exit status " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << ", signal "
                            << (WIFSIGNALED(status) ? WTERMSIG(status) : 0));
  CHECK_FALSE(WIFSIGNALED(status));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace fafnir
