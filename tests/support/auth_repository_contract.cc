#include "tests/support/auth_repository_contract.h"

#include <catch2/catch.hpp>

namespace fafnir {
namespace {

Event event(const std::string& id, std::string_view subject) {
  return Event{id, std::string(subject), R"({"userId":"u-1"})", Timestamp{1'000}};
}

}  // namespace

void check_auth_repository_contract(AuthRepository& repository) {
  Credentials ada{"u-1", "ada@example.com", "$argon2id$hash", Timestamp{1'700'000'000'000'000}};
  REQUIRE(repository.add_user(ada, event("e-1", subjects::kUsersRegistered)).ok());

  auto by_email = repository.find_by_email("ada@example.com");
  REQUIRE(by_email.ok());
  REQUIRE(by_email->has_value());
  CHECK((*by_email)->user_id == "u-1");
  CHECK((*by_email)->password_hash == "$argon2id$hash");
  CHECK((*by_email)->created_at == ada.created_at);
  auto by_id = repository.find_by_id("u-1");
  REQUIRE(by_id.ok());
  CHECK((*by_id)->email == "ada@example.com");
  CHECK_FALSE(repository.find_by_email("nobody@example.com")->has_value());

  Credentials twin{"u-2", "ada@example.com", "$argon2id$other", Timestamp{0}};
  CHECK(repository.add_user(twin, event("e-2", subjects::kUsersRegistered)).code() ==
        ErrorCode::kAlreadyExists);
  CHECK_FALSE(repository.find_by_id("u-2")->has_value());

  CHECK(repository.login_failures("ada@example.com")->count == 0);
  REQUIRE(repository.save_login_failures("ada@example.com", {3, Timestamp{0}}).ok());
  REQUIRE(repository.save_login_failures("ada@example.com", {5, Timestamp{9'000}}).ok());
  auto failures = repository.login_failures("ada@example.com");
  REQUIRE(failures.ok());
  CHECK(failures->count == 5);
  CHECK(failures->locked_until == Timestamp{9'000});
  REQUIRE(repository.clear_login_failures("ada@example.com").ok());
  CHECK(repository.login_failures("ada@example.com")->count == 0);

  CHECK_FALSE(repository.is_token_revoked("t-1").value());
  REQUIRE(repository.revoke_token("t-1", Timestamp{5'000}).ok());
  REQUIRE(repository.revoke_token("t-1", Timestamp{5'000}).ok());  // twice is fine
  CHECK(repository.is_token_revoked("t-1").value());

  REQUIRE(repository.save_login_failures("ada@example.com", {2, Timestamp{0}}).ok());
  REQUIRE(repository.remove_user("u-1", event("e-3", subjects::kUsersDeleted)).ok());
  CHECK_FALSE(repository.find_by_id("u-1")->has_value());
  CHECK(repository.login_failures("ada@example.com")->count == 0);
  CHECK(repository.remove_user("u-1", event("e-4", subjects::kUsersDeleted)).code() ==
        ErrorCode::kNotFound);
}

}  // namespace fafnir
