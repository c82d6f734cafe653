#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "core/platform/platform.h"
#include "tests/support/fixture_transport.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kPassword = "Correct-Horse-Battery-42";

// The platform over the transport FAFNIR_TEST_TRANSPORT names, else over the embedded one in a
// fresh directory, with time standing still until a test moves it.
struct AuthWorld {
  TempDir dir;
  ManualClock clock{Timestamp::from_seconds(1'767'225'600)};  // 2026-01-01T00:00:00Z
  RandomIdGenerator ids;
  std::unique_ptr<Transport> named_transport = fixture_transport_from_environment();
  std::unique_ptr<Platform> platform;

  AuthWorld() {
    PlatformOptions options;
    options.password_hashing = PasswordHashingOptions::fast_for_tests();
    options.jwt_secret = "auth-service-test-secret-of-32-bytes!";
    Result<std::unique_ptr<Platform>> created =
        Platform::create(open_ports(), clock, ids, std::move(options));
    INFO(created.status().to_string());
    REQUIRE(created.ok());
    platform = std::move(created).value();
  }

  // Ports on the world's stored data; the embedded transport's only while no platform holds them.
  Ports open_ports() {
    Result<Ports> ports = open_fixture_ports(named_transport.get(), {dir.path(), &clock});
    INFO(ports.status().to_string());
    REQUIRE(ports.ok());
    return std::move(ports).value();
  }

  AuthService& auth() { return platform->auth(); }

  std::string register_ada(std::string email = "ada@example.com") {
    Result<std::string> id = auth().register_user({email, std::string(kPassword), "Ada", "Lovelace"});
    INFO(id.status().to_string());
    REQUIRE(id.ok());
    return *id;
  }

  LoginSession login_ok(std::string_view email = "ada@example.com",
                        std::string_view password = kPassword) {
    Result<LoginSession> session = auth().login(email, password);
    INFO(session.status().to_string());
    REQUIRE(session.ok());
    return *session;
  }

  AuthenticatedUser authenticate_ok(std::string_view token) {
    Result<AuthenticatedUser> user = auth().authenticate(token);
    INFO(user.status().to_string());
    REQUIRE(user.ok());
    return *user;
  }

  void settle() {
    Result<std::size_t> settled = platform->settle();
    INFO(settled.status().to_string());
    REQUIRE(settled.ok());
  }
};

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Checks the code of a Status, showing the whole Status on failure at the caller's line.
#define CHECK_CODE(status_expr, expected_code)          \
  do {                                                  \
    const ::fafnir::Status checked_ = (status_expr);    \
    INFO(checked_.to_string());                         \
    CHECK(checked_.code() == (expected_code));          \
  } while (false)

TEST_CASE("a new user registers and the email is taken in every letter case", "[auth][service]") {
  AuthWorld world;
  const std::string id = world.register_ada();
  CHECK(is_uuid(id));

  Result<std::string> again =
      world.auth().register_user({"ADA@Example.COM", "another-password", "Ada", "Again"});
  REQUIRE_FALSE(again.ok());
  CHECK_CODE(again.status(), ErrorCode::kAlreadyExists);
  CHECK_THAT(again.status().message(), Catch::Contains("ada@example.com"));
}

TEST_CASE("registration refuses short passwords, malformed emails and missing names",
          "[auth][service]") {
  AuthWorld world;
  Result<std::string> short_password =
      world.auth().register_user({"ada@example.com", "1234567", "Ada", "Lovelace"});
  CHECK_CODE(short_password.status(), ErrorCode::kInvalidArgument);
  CHECK_THAT(short_password.status().message(), Catch::Contains("at least 8"));

  for (const char* email : {"", "no-at", "a@b", "a@@b.com", "a b@c.com"}) {
    INFO("email: '" << email << "'");
    Result<std::string> refused =
        world.auth().register_user({email, std::string(kPassword), "Ada", "Lovelace"});
    CHECK_CODE(refused.status(), ErrorCode::kInvalidArgument);
    CHECK_THAT(refused.status().message(), Catch::Contains("email"));
  }

  // Seven characters, nine bytes in UTF-8: still too short.
  Result<std::string> seven_characters =
      world.auth().register_user({"seven@example.com", "p\xc3\xa4ssw\xc3\xb6r", "Ada", "Lovelace"});
  CHECK_CODE(seven_characters.status(), ErrorCode::kInvalidArgument);

  Result<std::string> huge_password =
      world.auth().register_user({"ada@example.com", std::string(1025, 'x'), "Ada", "Lovelace"});
  CHECK_CODE(huge_password.status(), ErrorCode::kInvalidArgument);

  Result<std::string> nameless =
      world.auth().register_user({"ada@example.com", std::string(kPassword), " ", "Lovelace"});
  CHECK_CODE(nameless.status(), ErrorCode::kInvalidArgument);

  // None of the refusals took the address: the real registration still succeeds.
  world.register_ada();
}

TEST_CASE("a wrong password and an unknown email get the same answer", "[auth][service]") {
  AuthWorld world;
  world.register_ada();

  Result<LoginSession> wrong_password = world.auth().login("ada@example.com", "not-the-password");
  Result<LoginSession> unknown_email = world.auth().login("grace@example.com", kPassword);

  CHECK_CODE(wrong_password.status(), ErrorCode::kUnauthenticated);
  CHECK_CODE(unknown_email.status(), ErrorCode::kUnauthenticated);
  CHECK(wrong_password.status().message() == unknown_email.status().message());
  CHECK_THAT(wrong_password.status().message(), !Catch::Contains("not-the-password"));
}

TEST_CASE("logging in gives a one-hour token that authenticates the user", "[auth][service]") {
  AuthWorld world;
  const std::string id = world.register_ada();

  LoginSession session = world.login_ok("  ADA@example.com ");
  CHECK(session.user_id == id);
  CHECK(session.expires_at == world.clock.now() + AuthService::kTokenLifetime);
  CHECK_FALSE(session.csrf_token.empty());
  CHECK(session.csrf_token != session.token);

  AuthenticatedUser user = world.authenticate_ok(session.token);
  CHECK(user.user_id == id);
  CHECK(user.email == "ada@example.com");

  SECTION("a tampered token is refused") {
    std::string forged = session.token;
    char& first_of_signature = forged[forged.rfind('.') + 1];
    first_of_signature = first_of_signature == 'A' ? 'B' : 'A';
    CHECK_CODE(world.auth().authenticate(forged).status(), ErrorCode::kUnauthenticated);
  }
  SECTION("the token still works just before the hour is up") {
    world.clock.advance(AuthService::kTokenLifetime - 1s);
    world.authenticate_ok(session.token);
  }
  SECTION("the token is refused once the hour is up") {
    world.clock.advance(AuthService::kTokenLifetime + 1s);
    CHECK_CODE(world.auth().authenticate(session.token).status(), ErrorCode::kUnauthenticated);
  }
}

TEST_CASE("five failed logins lock the email out until the lockout passes", "[auth][service]") {
  AuthWorld world;
  world.register_ada();

  for (int attempt = 1; attempt <= 5; ++attempt) {
    INFO("failed attempt " << attempt);
    CHECK_CODE(world.auth().login("ada@example.com", "guess-" + std::to_string(attempt)).status(),
               ErrorCode::kUnauthenticated);
  }

  Result<LoginSession> locked = world.auth().login("ada@example.com", kPassword);
  CHECK_CODE(locked.status(), ErrorCode::kResourceExhausted);
  CHECK_THAT(locked.status().message(), Catch::Contains("30 s"));
  CHECK_CODE(world.auth().login("ADA@EXAMPLE.COM", kPassword).status(), ErrorCode::kResourceExhausted);

  world.clock.advance(29s);
  CHECK_CODE(world.auth().login("ada@example.com", kPassword).status(), ErrorCode::kResourceExhausted);

  world.clock.advance(2s);
  world.login_ok();

  SECTION("a success forgives earlier failures") {
    for (int attempt = 1; attempt <= 4; ++attempt) {
      CHECK_CODE(world.auth().login("ada@example.com", "guess").status(), ErrorCode::kUnauthenticated);
    }
    world.login_ok();
  }
}

TEST_CASE("logging out revokes the token but not other sessions", "[auth][service]") {
  AuthWorld world;
  world.register_ada();
  LoginSession laptop = world.login_ok();
  LoginSession phone = world.login_ok();
  REQUIRE(laptop.token != phone.token);

  REQUIRE(world.auth().logout(world.authenticate_ok(laptop.token)).ok());

  Result<AuthenticatedUser> revoked = world.auth().authenticate(laptop.token);
  CHECK_CODE(revoked.status(), ErrorCode::kUnauthenticated);
  world.authenticate_ok(phone.token);
}

TEST_CASE("deleting a user removes them from every service", "[auth][service]") {
  AuthWorld world;
  const std::string id = world.register_ada();
  world.settle();
  REQUIRE(world.platform->users().profile(id).ok());
  LoginSession other_device = world.login_ok();
  LoginSession session = world.login_ok();

  REQUIRE(world.auth().delete_user(world.authenticate_ok(session.token)).ok());

  CHECK_CODE(world.auth().login("ada@example.com", kPassword).status(), ErrorCode::kUnauthenticated);
  CHECK_CODE(world.auth().authenticate(session.token).status(), ErrorCode::kUnauthenticated);
  Result<AuthenticatedUser> orphan = world.auth().authenticate(other_device.token);
  CHECK_CODE(orphan.status(), ErrorCode::kUnauthenticated);
  CHECK_THAT(orphan.status().message(), Catch::Contains("no longer exists"));

  world.settle();
  CHECK_CODE(world.platform->users().profile(id).status(), ErrorCode::kNotFound);
  Result<std::vector<std::string>> roles = world.platform->security().roles_of(id);
  REQUIRE(roles.ok());
  CHECK(roles->empty());

  SECTION("the email can be registered afresh, as a different user") {
    const std::string new_id = world.register_ada("Ada@Example.com");
    CHECK(new_id != id);
    world.login_ok();
  }
}

TEST_CASE("only an argon2id hash of the password is stored", "[auth][service]") {
  AuthWorld world;
  world.register_ada();
  world.platform.reset();

  Ports ports = world.open_ports();
  Result<std::optional<Credentials>> stored = ports.auth->find_by_email("ada@example.com");
  INFO(stored.status().to_string());
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  CHECK_THAT((*stored)->password_hash, Catch::StartsWith("$argon2id$"));
  CHECK((*stored)->password_hash.find(kPassword) == std::string::npos);
}

TEST_CASE("only an argon2id hash of the password reaches the disk", "[auth][service]") {
  AuthWorld world;
  if (world.named_transport != nullptr) {
    WARN("skipped on "
         << world.named_transport->name()
         << ": it reads the embedded transport's files; the test above reads the store");
    return;
  }
  world.register_ada();
  world.login_ok();
  CHECK_CODE(world.auth().login("ada@example.com", "Wrong-Horse-Battery-42").status(),
             ErrorCode::kUnauthenticated);

  std::string auth_bytes = file_bytes(world.dir.path() / "auth.db");
  if (std::filesystem::exists(world.dir.path() / "auth.db-wal")) {
    auth_bytes += file_bytes(world.dir.path() / "auth.db-wal");
  }
  CHECK_THAT(auth_bytes, Catch::Contains("$argon2id$"));

  for (const auto& entry : std::filesystem::directory_iterator(world.dir.path())) {
    INFO("file: " << entry.path());
    const std::string bytes = file_bytes(entry.path());
    CHECK(bytes.find(kPassword) == std::string::npos);
    CHECK(bytes.find("Wrong-Horse-Battery-42") == std::string::npos);
  }
}

}  // namespace
}  // namespace fafnir
