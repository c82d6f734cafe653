// Crash recovery: a child process does real work on real files and is killed with SIGKILL at a
// chosen point; the test process then opens the same files and checks that nothing was lost and
// nothing happened twice.

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/auth/password_hasher.h"
#include "core/common/clock.h"
#include "core/common/id_generator.h"
#include "core/events/outbox_relay.h"
#include "core/platform/platform.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage/sqlite/sqlite_outbox.h"
#include "tests/support/temp_dir.h"
#include "transports/embedded/embedded_transport.h"
#include "transports/in_process/in_process_stream.h"

namespace fafnir {
namespace {

const Timestamp kMarketOpen = Timestamp::from_seconds(1'750'000'000);
constexpr int kReadyTimeoutMs = 60'000;
constexpr unsigned kChildLifetimeSeconds = 120;  // a child nobody kills ends itself

// A forked child that signals "ready" by writing one byte to a pipe and is then killed.
// The destructor kills and reaps a child that is still around, so no test leaves one behind.
class DoomedChild {
 public:
  // Forks. In the child, runs `body` with the pipe's write end and _exits with its result (or 100
  // if it threw); it never returns into the test framework.
  explicit DoomedChild(const std::function<int(int ready_fd)>& body) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      close(fds[0]);
      // Let a crash be a crash, not a report from the test framework's handlers in this copy.
      for (int signal_number : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE}) {
        signal(signal_number, SIG_DFL);
      }
      alarm(kChildLifetimeSeconds);
      int code = 100;
      try {
        code = body(fds[1]);
      } catch (...) {
      }
      _exit(code);
    }
    close(fds[1]);
    ready_fd_ = fds[0];
  }
  ~DoomedChild() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (ready_fd_ >= 0) close(ready_fd_);
  }
  DoomedChild(const DoomedChild&) = delete;
  DoomedChild& operator=(const DoomedChild&) = delete;

  // Waits for the ready byte. Empty on success, otherwise why the child never got there.
  std::string wait_until_ready() {
    pollfd ready{ready_fd_, POLLIN, 0};
    const int polled = poll(&ready, 1, kReadyTimeoutMs);
    if (polled == 0)
      return "the child did not signal within " + std::to_string(kReadyTimeoutMs) + " ms";
    if (polled < 0) return "poll failed";
    char byte = 0;
    if (read(ready_fd_, &byte, 1) == 1) return {};
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    if (WIFEXITED(status)) {
      return "the child exited early with status " + std::to_string(WEXITSTATUS(status));
    }
    return "the child died early from signal " +
           std::to_string(WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  }

  // Kills the child without warning and waits until it is gone. True if SIGKILL is what ended it.
  bool kill_now() {
    if (pid_ <= 0) return false;
    kill(pid_, SIGKILL);
    int status = 0;
    const bool reaped = waitpid(pid_, &status, 0) == pid_;
    pid_ = -1;
    return reaped && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }

 private:
  pid_t pid_ = -1;
  int ready_fd_ = -1;
};

// Child side: tell the parent we are at the crash point, then wait to be killed.
[[noreturn]] void signal_and_wait_for_death(int ready_fd) {
  const char byte = '!';
  if (write(ready_fd, &byte, 1) != 1) _exit(101);
  pause();  // SIGKILL from the parent, or SIGALRM from the safety alarm
  _exit(102);
}

PlatformOptions test_platform_options() {
  PlatformOptions options;
  options.password_hashing = PasswordHashingOptions::fast_for_tests();
  options.jwt_secret = "crash-test-secret-crash-test-secret";
  return options;
}

// The embedded transport and the platform on one data directory. `clock` and `ids` must outlive
// the platform.
Result<std::unique_ptr<Platform>> open_platform(const std::filesystem::path& data_dir,
                                                const Clock& clock, IdGenerator& ids) {
  EmbeddedTransport transport;
  FAFNIR_ASSIGN_OR_RETURN(Ports ports, transport.open(TransportContext{data_dir, &clock}));
  return Platform::create(std::move(ports), clock, ids, test_platform_options());
}

const RegistrationRequest kAda{"ada@example.com", "correct horse battery", "Ada", "Lovelace"};

TEST_CASE("a registration committed just before a crash reaches every service after restart",
          "[crash]") {
  TempDir dir;
  const std::filesystem::path data_dir = dir.path() / "data";

  DoomedChild child([&](int ready_fd) -> int {
    ManualClock clock(kMarketOpen);
    RandomIdGenerator ids;
    Result<std::unique_ptr<Platform>> platform = open_platform(data_dir, clock, ids);
    if (!platform.ok()) return 1;
    Result<std::string> user_id = (*platform)->auth().register_user(kAda);
    if (!user_id.ok()) return 2;
    signal_and_wait_for_death(ready_fd);  // no settle(): the event is only in the outbox
  });
  const std::string why = child.wait_until_ready();
  INFO(why);
  REQUIRE(why.empty());
  REQUIRE(child.kill_now());

  ManualClock clock(kMarketOpen + std::chrono::minutes(1));
  RandomIdGenerator ids;
  Result<std::unique_ptr<Platform>> opened = open_platform(data_dir, clock, ids);
  INFO(opened.status().to_string());
  REQUIRE(opened.ok());
  Platform& platform = **opened;

  // The credentials survived: Ada can log in, which also tells us her user id.
  Result<LoginSession> session = platform.auth().login(kAda.email, kAda.password);
  INFO(session.status().to_string());
  REQUIRE(session.ok());
  const std::string user_id = session->user_id;

  // Nobody has heard of the registration yet...
  CHECK(platform.users().profile(user_id).status().code() == ErrorCode::kNotFound);

  // ...until the outbox is relayed and the event handled, once per consuming service.
  Result<std::size_t> settled = platform.settle();
  INFO(settled.status().to_string());
  REQUIRE(settled.ok());
  CHECK(*settled == 2);

  Result<Profile> profile = platform.users().profile(user_id);
  INFO(profile.status().to_string());
  REQUIRE(profile.ok());
  CHECK(profile->email == kAda.email);
  CHECK(profile->first_name == kAda.first_name);
  CHECK(profile->last_name == kAda.last_name);

  Result<std::vector<std::string>> roles = platform.security().roles_of(user_id);
  REQUIRE(roles.ok());
  CHECK(*roles == std::vector<std::string>{"member"});

  Result<std::size_t> again = platform.settle();
  REQUIRE(again.ok());
  CHECK(*again == 0);
}

// A projection store for the second scenario: the effect of handling an event, keyed by event id,
// and how many times the handler ran for it.
const Schema kProjectionSchema{
    "projection-test",
    {{1, "applied events and handler calls",
      "CREATE TABLE applied (event_id TEXT PRIMARY KEY);"
      "CREATE TABLE calls (event_id TEXT PRIMARY KEY, count INTEGER NOT NULL);"}}};

const std::string kSourceSql =
    "CREATE TABLE users (id TEXT PRIMARY KEY);" + std::string(kOutboxTableSql);
const Schema kSourceSchema{"source-test", {{1, "users and their outbox", kSourceSql}}};

const Event kRegistered{"evt-ada", "users.registered", R"({"userId":"ada"})", kMarketOpen};
constexpr std::string_view kProjector = "projector";

// The idempotent handler effect: records the event once, counts every call.
Status apply_projection(SqliteDatabase& db, const std::string& event_id) {
  return db.transaction([&](SqliteDatabase& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement apply,
                            tx.prepare("INSERT OR IGNORE INTO applied(event_id) VALUES (?)"));
    FAFNIR_RETURN_IF_ERROR(apply.bind(1, event_id).run());
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement first,
        tx.prepare("INSERT OR IGNORE INTO calls(event_id, count) VALUES (?, 0)"));
    FAFNIR_RETURN_IF_ERROR(first.bind(1, event_id).run());
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement count,
                            tx.prepare("UPDATE calls SET count = count + 1 WHERE event_id = ?"));
    return count.bind(1, event_id).run();
  });
}

Result<std::int64_t> count_where(SqliteDatabase& db, std::string_view sql,
                                 const std::string& event_id) {
  std::int64_t value = -1;
  FAFNIR_RETURN_IF_ERROR(db.read([&](SqliteDatabase& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query, tx.prepare(sql));
    FAFNIR_ASSIGN_OR_RETURN(bool row, query.bind(1, event_id).step());
    value = row ? query.column_int64(0) : 0;
    return Status::Ok();
  }));
  return value;
}

constexpr std::string_view kCallsSql =
    "SELECT COALESCE(SUM(count), 0) FROM calls WHERE event_id = ?";
constexpr std::string_view kAppliedSql = "SELECT COUNT(*) FROM applied WHERE event_id = ?";

TEST_CASE("a handler killed after its effect but before the ack sees the event again, harmlessly",
          "[crash]") {
  TempDir dir;
  const std::filesystem::path source_file = dir.path() / "source.db";
  const std::filesystem::path stream_file = dir.path() / "stream.db";
  const std::filesystem::path projection_file = dir.path() / "projection.db";

  DoomedChild child([&](int ready_fd) -> int {
    ManualClock clock(kMarketOpen);
    Result<std::shared_ptr<SqliteDatabase>> source =
        SqliteDatabase::open(source_file, kSourceSchema);
    Result<std::shared_ptr<SqliteDatabase>> projection =
        SqliteDatabase::open(projection_file, kProjectionSchema);
    Result<std::unique_ptr<InProcessStream>> stream = InProcessStream::open(stream_file, clock);
    if (!source.ok() || !projection.ok() || !stream.ok()) return 1;

    Status registered = (*source)->transaction([](SqliteDatabase& tx) -> Status {
      FAFNIR_ASSIGN_OR_RETURN(SqliteStatement insert,
                              tx.prepare("INSERT INTO users(id) VALUES ('ada')"));
      FAFNIR_RETURN_IF_ERROR(insert.run());
      return append_to_outbox(tx, kRegistered);
    });
    if (!registered.ok()) return 2;

    SqliteOutbox outbox(*source);
    OutboxRelay relay({&outbox}, **stream);
    Result<std::size_t> relayed = relay.relay_pending();
    if (!relayed.ok() || *relayed != 1) return 3;

    SqliteDatabase& effects = **projection;
    Status subscribed = (*stream)->subscribe(
        {std::string(kProjector), {"users.>"}}, [&](const Delivery& delivery) -> Disposition {
          if (!apply_projection(effects, delivery.event.id).ok()) _exit(4);
          signal_and_wait_for_death(ready_fd);  // the effect is committed; the ack is not
        });
    if (!subscribed.ok()) return 5;
    (void)(*stream)->dispatch();
    return 6;  // the handler never returns
  });
  const std::string why = child.wait_until_ready();
  INFO(why);
  REQUIRE(why.empty());
  REQUIRE(child.kill_now());

  ManualClock clock(kMarketOpen + std::chrono::minutes(1));
  Result<std::shared_ptr<SqliteDatabase>> source = SqliteDatabase::open(source_file, kSourceSchema);
  Result<std::shared_ptr<SqliteDatabase>> projection =
      SqliteDatabase::open(projection_file, kProjectionSchema);
  Result<std::unique_ptr<InProcessStream>> stream = InProcessStream::open(stream_file, clock);
  REQUIRE(source.ok());
  REQUIRE(projection.ok());
  REQUIRE(stream.ok());
  SqliteDatabase& effects = **projection;

  // The relay finished before the crash, and the handler's effect was committed once.
  SqliteOutbox outbox(*source);
  Result<std::vector<Event>> still_pending = outbox.pending(10);
  REQUIRE(still_pending.ok());
  CHECK(still_pending->empty());
  CHECK(count_where(effects, kCallsSql, kRegistered.id).value() == 1);
  CHECK(count_where(effects, kAppliedSql, kRegistered.id).value() == 1);

  // The stream never recorded the ack, so the restarted consumer gets the event again.
  std::vector<Delivery> redelivered;
  const Status subscribed = (*stream)->subscribe(
      {std::string(kProjector), {"users.>"}}, [&](const Delivery& delivery) -> Disposition {
        redelivered.push_back(delivery);
        const Status applied = apply_projection(effects, delivery.event.id);
        if (!applied.ok())
          return Disposition::RetryLater(std::chrono::seconds(1), applied.message());
        return Disposition::Ack();
      });
  REQUIRE(subscribed.ok());
  Result<std::size_t> delivered = (*stream)->dispatch();
  INFO(delivered.status().to_string());
  REQUIRE(delivered.ok());
  CHECK(*delivered == 1);
  REQUIRE(redelivered.size() == 1);
  CHECK(redelivered[0].event.id == kRegistered.id);
  CHECK(redelivered[0].event.payload == kRegistered.payload);

  // Delivered twice in all, applied once.
  CHECK(count_where(effects, kCallsSql, kRegistered.id).value() == 2);
  CHECK(count_where(effects, kAppliedSql, kRegistered.id).value() == 1);

  // And now it is acknowledged for good.
  Result<std::size_t> after = (*stream)->dispatch();
  REQUIRE(after.ok());
  CHECK(*after == 0);
  CHECK(redelivered.size() == 1);
}

}  // namespace
}  // namespace fafnir
