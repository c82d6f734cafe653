#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/platform/platform.h"
#include "core/security/permissions.h"
#include "tests/support/fixture_transport.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

using Names = std::vector<std::string>;

// The services over the transport FAFNIR_TEST_TRANSPORT names, else over the embedded one in one
// directory; reopen() is a process restart on the same stored data.
struct IdentityWorld {
  TempDir dir;
  ManualClock clock{Timestamp::from_seconds(1'767'225'600)};  // 2026-01-01T00:00:00Z
  RandomIdGenerator ids;
  std::unique_ptr<Transport> named_transport = fixture_transport_from_environment();
  std::unique_ptr<Platform> platform;

  IdentityWorld() { reopen(); }

  void reopen() {
    platform.reset();
    Result<Ports> ports = open_fixture_ports(named_transport.get(), {dir.path(), &clock});
    INFO(ports.status().to_string());
    REQUIRE(ports.ok());
    PlatformOptions options;
    options.password_hashing = PasswordHashingOptions::fast_for_tests();
    options.jwt_secret = "identity-services-test-secret-32b!";
    Result<std::unique_ptr<Platform>> created =
        Platform::create(std::move(*ports), clock, ids, std::move(options));
    INFO(created.status().to_string());
    REQUIRE(created.ok());
    platform = std::move(created).value();
  }

  std::string register_user(std::string email, std::string first, std::string last) {
    Result<std::string> id =
        platform->auth().register_user({std::move(email), "a-long-password", std::move(first),
                                        std::move(last)});
    INFO(id.status().to_string());
    REQUIRE(id.ok());
    return *id;
  }

  std::size_t settle() {
    Result<std::size_t> settled = platform->settle();
    INFO(settled.status().to_string());
    REQUIRE(settled.ok());
    return *settled;
  }

  Names roles_of(const std::string& id) {
    Result<Names> roles = platform->security().roles_of(id);
    REQUIRE(roles.ok());
    return *roles;
  }

  Names permissions_of(const std::string& id) {
    Result<Names> permissions = platform->security().permissions_of(id);
    REQUIRE(permissions.ok());
    Names sorted = *permissions;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }

  bool has_permission(const std::string& id, std::string_view permission) {
    Result<bool> allowed = platform->security().has_permission(id, permission);
    REQUIRE(allowed.ok());
    return *allowed;
  }
};

Names member_permissions() {
  Names names{std::string(permissions::kViewStocks),         std::string(permissions::kOrderStocks),
              std::string(permissions::kManageOwnPortfolio), std::string(permissions::kManageOwnWatchlist),
              std::string(permissions::kManageOwnProfile),   std::string(permissions::kManageOwnAccounts)};
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("a registered user gets a profile and the member role", "[identity]") {
  IdentityWorld world;
  const std::string id = world.register_user("Ada.Lovelace@Example.com", " Ada ", "Lovelace");

  CHECK(world.settle() > 0);

  Result<Profile> profile = world.platform->users().profile(id);
  INFO(profile.status().to_string());
  REQUIRE(profile.ok());
  CHECK(profile->user_id == id);
  CHECK(profile->email == "ada.lovelace@example.com");
  CHECK(profile->first_name == "Ada");
  CHECK(profile->last_name == "Lovelace");
  CHECK(profile->created_at == world.clock.now());

  CHECK(world.roles_of(id) == Names{"member"});
}

TEST_CASE("a member holds exactly the six member permissions", "[identity]") {
  IdentityWorld world;
  const std::string id = world.register_user("grace@example.com", "Grace", "Hopper");
  world.settle();

  CHECK(world.permissions_of(id) == member_permissions());
  CHECK(world.permissions_of(id).size() == 6);
  CHECK(world.has_permission(id, permissions::kViewStocks));
  CHECK(world.has_permission(id, permissions::kManageOwnProfile));
  CHECK_FALSE(world.has_permission(id, permissions::kManageRoles));
  CHECK_FALSE(world.has_permission(id, permissions::kViewAdminDashboard));

  CHECK(world.platform->security().require(id, permissions::kOrderStocks).ok());
  Status denied = world.platform->security().require(id, permissions::kManageRoles);
  CHECK(denied.code() == ErrorCode::kPermissionDenied);
  CHECK_THAT(denied.message(), Catch::Contains("manage_roles"));
}

TEST_CASE("an unknown user has no roles, no permissions and no profile", "[identity]") {
  IdentityWorld world;
  const std::string stranger = world.ids.next();

  CHECK(world.roles_of(stranger).empty());
  CHECK(world.permissions_of(stranger).empty());
  CHECK_FALSE(world.has_permission(stranger, permissions::kViewStocks));
  CHECK(world.platform->security().require(stranger, permissions::kViewStocks).code() ==
        ErrorCode::kPermissionDenied);
  CHECK(world.platform->users().profile(stranger).status().code() == ErrorCode::kNotFound);
}

TEST_CASE("the other services learn of a registration only when events settle", "[identity]") {
  IdentityWorld world;
  const std::string id = world.register_user("linus@example.com", "Linus", "Torvalds");

  CHECK(world.platform->users().profile(id).status().code() == ErrorCode::kNotFound);
  CHECK(world.roles_of(id).empty());

  world.settle();
  CHECK(world.roles_of(id) == Names{"member"});

  SECTION("settling again delivers nothing twice") {
    CHECK(world.settle() == 0);
    CHECK(world.roles_of(id) == Names{"member"});
    CHECK(world.permissions_of(id) == member_permissions());
  }
}

TEST_CASE("a registration made before a restart is delivered after it", "[identity]") {
  IdentityWorld world;
  const std::string id = world.register_user("barbara@example.com", "Barbara", "Liskov");

  world.reopen();  // the process stops before any event was relayed
  world.settle();

  Result<Profile> profile = world.platform->users().profile(id);
  REQUIRE(profile.ok());
  CHECK(profile->last_name == "Liskov");
  CHECK(world.roles_of(id) == Names{"member"});
}

TEST_CASE("deleting one user leaves the others untouched", "[identity]") {
  IdentityWorld world;
  const std::string ada = world.register_user("ada@example.com", "Ada", "Lovelace");
  const std::string grace = world.register_user("grace@example.com", "Grace", "Hopper");
  world.settle();

  Result<LoginSession> session = world.platform->auth().login("ada@example.com", "a-long-password");
  REQUIRE(session.ok());
  Result<AuthenticatedUser> caller = world.platform->auth().authenticate(session->token);
  REQUIRE(caller.ok());
  REQUIRE(world.platform->auth().delete_user(*caller).ok());
  world.settle();

  CHECK(world.platform->users().profile(ada).status().code() == ErrorCode::kNotFound);
  CHECK(world.roles_of(ada).empty());
  CHECK(world.permissions_of(ada).empty());
  CHECK(world.platform->users().profile(grace).ok());
  CHECK(world.roles_of(grace) == Names{"member"});
}

}  // namespace
}  // namespace fafnir
