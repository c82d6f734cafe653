#include "tests/support/identity_repository_contracts.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "core/security/permissions.h"

namespace fafnir {
namespace {

// The permissions kRoleGrants gives `roles`, sorted, each once.
std::vector<std::string> granted_to(const std::vector<std::string_view>& roles) {
  std::set<std::string> granted;
  for (const RoleGrant& grant : kRoleGrants) {
    if (std::find(roles.begin(), roles.end(), grant.role) != roles.end()) {
      granted.emplace(grant.permission);
    }
  }
  return {granted.begin(), granted.end()};
}

}  // namespace

void check_security_repository_contract(SecurityRepository& repository) {
  CHECK(repository.roles_of("u-1")->empty());
  CHECK(repository.permissions_of("u-1")->empty());

  REQUIRE(repository.assign_role("u-1", roles::kMember).ok());
  REQUIRE(repository.assign_role("u-1", roles::kMember).ok());  // twice is fine
  CHECK(*repository.roles_of("u-1") == std::vector<std::string>{"member"});
  CHECK(*repository.permissions_of("u-1") == granted_to({roles::kMember}));
  CHECK(repository.permissions_of("u-1")->size() == 6);

  REQUIRE(repository.assign_role("u-1", roles::kAdmin).ok());
  CHECK(*repository.roles_of("u-1") == std::vector<std::string>{"admin", "member"});
  CHECK(*repository.permissions_of("u-1") == granted_to({roles::kMember, roles::kAdmin}));

  CHECK(repository.assign_role("u-2", "emperor").code() == ErrorCode::kNotFound);
  CHECK(repository.roles_of("u-2")->empty());

  REQUIRE(repository.assign_role("u-2", roles::kAdmin).ok());
  REQUIRE(repository.remove_user("u-1").ok());
  REQUIRE(repository.remove_user("u-1").ok());
  CHECK(repository.roles_of("u-1")->empty());
  CHECK(repository.permissions_of("u-1")->empty());
  CHECK(*repository.roles_of("u-2") == std::vector<std::string>{"admin"});
}

void check_profile_repository_contract(ProfileRepository& repository) {
  Profile ada{"u-1", "ada@example.com", "Ada", "Lovelace", Timestamp{1'000}};
  REQUIRE(repository.add_if_absent(ada).ok());
  REQUIRE(
      repository.add_if_absent({"u-1", "other@example.com", "Other", "Name", Timestamp{2}}).ok());
  std::optional<Profile> found = *repository.find("u-1");
  REQUIRE(found);
  CHECK(found->email == "ada@example.com");
  CHECK(found->first_name == "Ada");
  CHECK(found->last_name == "Lovelace");
  CHECK(found->created_at == Timestamp{1'000});
  CHECK_FALSE(repository.find("u-2")->has_value());

  REQUIRE(repository.remove("u-1").ok());
  REQUIRE(repository.remove("u-1").ok());
  CHECK_FALSE(repository.find("u-1")->has_value());
}

}  // namespace fafnir
