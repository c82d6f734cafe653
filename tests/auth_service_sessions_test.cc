// How AuthService remembers verified tokens and live sessions, and why that never lets a revoked
// token or a deleted user's token through: the service over a store that counts its reads, once
// as the store's sole writer and once sharing it with another writer.

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/auth/auth_service.h"
#include "core/events/user_events.h"
#include "storage/auth/sqlite_auth_repository.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kPassword = "Correct-Horse-Battery-42";

// An AuthRepository over auth.db that counts the reads authentication makes, and says it is the
// sole writer or not as told.
class CountingAuthRepository final : public AuthRepository {
 public:
  CountingAuthRepository(std::shared_ptr<SqliteDatabase> db, bool sole_writer)
      : store_(std::move(db)), sole_writer_(sole_writer) {}

  Status add_user(const Credentials& credentials, const Event& registered) override {
    return store_.add_user(credentials, registered);
  }
  Result<std::optional<Credentials>> find_by_email(std::string_view email) override {
    return store_.find_by_email(email);
  }
  Result<std::optional<Credentials>> find_by_id(std::string_view user_id) override {
    ++user_reads;
    return store_.find_by_id(user_id);
  }
  Status remove_user(std::string_view user_id, const Event& deleted) override {
    return store_.remove_user(user_id, deleted);
  }
  Result<LoginFailures> login_failures(std::string_view email) override {
    return store_.login_failures(email);
  }
  Status save_login_failures(std::string_view email, const LoginFailures& failures) override {
    return store_.save_login_failures(email, failures);
  }
  Status clear_login_failures(std::string_view email) override {
    return store_.clear_login_failures(email);
  }
  Status revoke_token(std::string_view token_id, Timestamp expires_at) override {
    return store_.revoke_token(token_id, expires_at);
  }
  Result<bool> is_token_revoked(std::string_view token_id) override {
    ++revocation_reads;
    return store_.is_token_revoked(token_id);
  }
  bool is_sole_writer() const override { return sole_writer_; }

  // What another process sharing the store would do.
  SqliteAuthRepository& other_writer() { return store_; }

  std::atomic<int> user_reads{0};
  std::atomic<int> revocation_reads{0};

 private:
  SqliteAuthRepository store_;
  bool sole_writer_;
};

struct Sessions {
  explicit Sessions(bool sole_writer) {
    auto db = SqliteDatabase::open(dir.path() / "auth.db", SqliteAuthRepository::schema());
    REQUIRE(db.ok());
    repository = std::make_unique<CountingAuthRepository>(*db, sole_writer);
    auth = std::make_unique<AuthService>(*repository, hasher, jwt, clock, clock, ids);
  }

  std::string register_user(std::string email) {
    Result<std::string> id = auth->register_user({email, std::string(kPassword), "Ada", "Lovelace"});
    REQUIRE(id.ok());
    return *id;
  }

  std::string login(std::string_view email) {
    Result<LoginSession> session = auth->login(email, kPassword);
    REQUIRE(session.ok());
    return session->token;
  }

  AuthenticatedUser authenticate_ok(std::string_view token) {
    Result<AuthenticatedUser> user = auth->authenticate(token);
    INFO(user.status().to_string());
    REQUIRE(user.ok());
    return *user;
  }

  int store_reads() const { return repository->user_reads + repository->revocation_reads; }

  TempDir dir;
  ManualClock clock{Timestamp::from_seconds(1'767'225'600)};
  RandomIdGenerator ids;
  PasswordHasher hasher{PasswordHashingOptions::fast_for_tests()};
  JwtCodec jwt{"sessions-test-secret-of-32-bytes!!!"};
  std::unique_ptr<CountingAuthRepository> repository;
  std::unique_ptr<AuthService> auth;
};

void check_refused(const Result<AuthenticatedUser>& user, std::string_view message) {
  INFO(user.status().to_string());
  REQUIRE_FALSE(user.ok());
  CHECK(user.status().code() == ErrorCode::kUnauthenticated);
  CHECK_THAT(user.status().message(), Catch::Contains(std::string(message)));
}

TEST_CASE("as the store's sole writer, a token presented again needs no store reads", "[auth]") {
  Sessions world(true);
  const std::string id = world.register_user("ada@example.com");
  const std::string token = world.login("ada@example.com");

  for (int i = 0; i < 5; ++i) CHECK(world.authenticate_ok(token).user_id == id);
  CHECK(world.repository->user_reads == 1);
  CHECK(world.repository->revocation_reads == 1);

  world.clock.advance(AuthService::kTokenLifetime);
  check_refused(world.auth->authenticate(token), "expired");
}

TEST_CASE("a logged-out token is refused on the very next call, though it was remembered",
          "[auth]") {
  Sessions world(true);
  world.register_user("ada@example.com");
  const std::string laptop = world.login("ada@example.com");
  const std::string phone = world.login("ada@example.com");
  world.authenticate_ok(phone);
  const AuthenticatedUser user = world.authenticate_ok(laptop);
  world.authenticate_ok(laptop);

  REQUIRE(world.auth->logout(user).ok());
  check_refused(world.auth->authenticate(laptop), "signed out");
  check_refused(world.auth->authenticate(laptop), "signed out");
  world.authenticate_ok(phone);
}

TEST_CASE("a deleted user's remembered tokens are all refused on the very next call", "[auth]") {
  Sessions world(true);
  world.register_user("ada@example.com");
  world.register_user("bob@example.com");
  const std::string laptop = world.login("ada@example.com");
  const std::string phone = world.login("ada@example.com");
  const std::string bob = world.login("bob@example.com");
  const AuthenticatedUser ada = world.authenticate_ok(laptop);
  world.authenticate_ok(phone);
  world.authenticate_ok(bob);

  REQUIRE(world.auth->delete_user(ada).ok());
  check_refused(world.auth->authenticate(laptop), "signed out");
  check_refused(world.auth->authenticate(phone), "no longer exists");
  world.authenticate_ok(bob);
}

TEST_CASE("a tampered token is refused though the genuine one is remembered", "[auth]") {
  Sessions world(true);
  world.register_user("ada@example.com");
  const std::string token = world.login("ada@example.com");
  world.authenticate_ok(token);
  std::string forged = token;
  char& in_signature = forged[forged.rfind('.') + 2];
  in_signature = in_signature == 'A' ? 'B' : 'A';
  for (int attempt = 0; attempt < 3; ++attempt) {
    check_refused(world.auth->authenticate(forged), "bad signature");
  }
  world.authenticate_ok(token);
}

TEST_CASE("sharing the store, every call reads it, so another writer's changes count at once",
          "[auth]") {
  Sessions world(false);
  const std::string id = world.register_user("ada@example.com");
  const std::string laptop = world.login("ada@example.com");
  const std::string phone = world.login("ada@example.com");

  const AuthenticatedUser user = world.authenticate_ok(laptop);
  world.authenticate_ok(laptop);
  world.authenticate_ok(laptop);
  CHECK(world.repository->user_reads == 3);
  CHECK(world.repository->revocation_reads == 3);

  REQUIRE(world.repository->other_writer().revoke_token(user.token_id, user.token_expires_at).ok());
  check_refused(world.auth->authenticate(laptop), "signed out");

  world.authenticate_ok(phone);
  const Event deleted = UserDeleted{id, world.clock.now()}.to_event(world.ids.next());
  REQUIRE(world.repository->other_writer().remove_user(id, deleted).ok());
  check_refused(world.auth->authenticate(phone), "no longer exists");
}

TEST_CASE("authentications racing a logout or a deletion never succeed after it returns",
          "[auth]") {
  Sessions world(true);
  for (int round = 0; round < 20; ++round) {
    const bool deleting = round % 2 == 1;
    INFO("round " << round << (deleting ? ": deletion" : ": logout"));
    const std::string email = "user" + std::to_string(round) + "@example.com";
    world.register_user(email);
    const std::string token = world.login(email);
    // Not authenticated yet: the callers' first store reads race the change.
    Result<JwtClaims> claims = world.jwt.verify(token, world.clock.now());
    REQUIRE(claims.ok());
    const AuthenticatedUser user{claims->subject, email, claims->token_id, claims->expires_at};
    std::atomic<bool> ended{false};
    std::atomic<bool> stop{false};
    std::atomic<int> accepted_after_end{0};
    std::vector<std::thread> callers;
    for (int t = 0; t < 3; ++t) {
      callers.emplace_back([&] {
        while (!stop) {
          const bool after_end = ended;
          if (world.auth->authenticate(token).ok() && after_end) ++accepted_after_end;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::microseconds(50 * (round % 5)));
    REQUIRE((deleting ? world.auth->delete_user(user) : world.auth->logout(user)).ok());
    ended = true;
    std::this_thread::sleep_for(2ms);
    stop = true;
    for (std::thread& caller : callers) caller.join();
    CHECK(accepted_after_end == 0);
  }
}

}  // namespace
}  // namespace fafnir
