#include "transports/in_process/in_process_stream.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/common/clock.h"
#include "core/events/event.h"
#include "tests/support/event_stream_contract.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

using namespace stream_test;
using std::chrono::seconds;

std::unique_ptr<InProcessStream> open_stream(const std::filesystem::path& path,
                                             const Clock& clock) {
  Result<std::unique_ptr<InProcessStream>> stream = InProcessStream::open(path, clock);
  INFO(stream.status().to_string());
  REQUIRE(stream.ok());
  return std::move(stream).value();
}

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

TEST_CASE("the in-process stream keeps the event stream contract", "[stream]") {
  TempDir dir;
  check_event_stream_contract(
      [&](const Clock& clock) { return open_stream(dir.path() / "stream.db", clock); });
}

TEST_CASE("an event id published before a restart is not stored again after it", "[stream]") {
  StreamWorld world;
  Inbox inbox;
  publish(*world.stream, {event_of("e1", "users.registered", R"({"copy":1})")});
  world.restart();
  publish(*world.stream, {event_of("e1", "users.registered", R"({"copy":2})")});

  subscribe(*world.stream, {"profiles", {"users.>"}}, inbox.acknowledge());
  CHECK(dispatch(*world.stream) == 1);
  CHECK(dispatch(*world.stream) == 0);
  REQUIRE(inbox.ids() == std::vector<std::string>{"e1"});
  CHECK(inbox.deliveries.front().event.payload == R"({"copy":1})");  // the first copy is kept
}

TEST_CASE("dead letters survive a restart", "[stream]") {
  StreamWorld world;
  subscribe(*world.stream, {"ledger", {"orders.>"}},
            [](const Delivery&) { return Disposition::GiveUp("payload lacks a symbol"); });
  publish(*world.stream, {event_of("bad", "orders.created")});
  REQUIRE(dispatch(*world.stream) == 1);

  world.restart();
  const std::vector<DeadLetter> letters = dead_letters(*world.stream, "ledger");
  REQUIRE(letters.size() == 1);
  CHECK(letters[0].event.id == "bad");
  CHECK(letters[0].attempts == 1);
  CHECK(letters[0].reason == "payload lacks a symbol");
  CHECK(letters[0].failed_at == kMarketOpen);
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
