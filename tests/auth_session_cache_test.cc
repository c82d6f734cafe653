#include "core/auth/session_cache.h"

#include <catch2/catch.hpp>

namespace fafnir {
namespace {

const Timestamp kExpiry = Timestamp::from_seconds(1'767'229'200);

AuthenticatedUser session(std::string user_id, std::string token_id) {
  return {std::move(user_id), "someone@example.com", std::move(token_id), kExpiry};
}

JwtClaims claims_of(const AuthenticatedUser& user) {
  return {user.user_id, user.token_id, Timestamp{}, user.token_expires_at};
}

TEST_CASE("a remembered session is found by the claims of its token", "[auth]") {
  SessionCache cache(10);
  const AuthenticatedUser ada = session("ada", "t1");
  cache.remember(ada, cache.epoch());
  std::optional<AuthenticatedUser> found = cache.find(claims_of(ada));
  REQUIRE(found.has_value());
  CHECK(found->email == "someone@example.com");

  JwtClaims other_subject = claims_of(ada);
  other_subject.subject = "bob";
  CHECK_FALSE(cache.find(other_subject).has_value());
  JwtClaims other_expiry = claims_of(ada);
  other_expiry.expires_at = kExpiry + std::chrono::seconds(1);
  CHECK_FALSE(cache.find(other_expiry).has_value());
}

TEST_CASE("tokens without an id are never remembered", "[auth]") {
  SessionCache cache(10);
  const AuthenticatedUser anonymous_token = session("ada", "");
  cache.remember(anonymous_token, cache.epoch());
  CHECK_FALSE(cache.find(claims_of(anonymous_token)).has_value());
}

TEST_CASE("forgetting a token or a user drops their sessions", "[auth]") {
  SessionCache cache(10);
  const AuthenticatedUser laptop = session("ada", "t1");
  const AuthenticatedUser phone = session("ada", "t2");
  const AuthenticatedUser bob = session("bob", "t3");
  for (const AuthenticatedUser& user : {laptop, phone, bob}) cache.remember(user, cache.epoch());

  cache.forget_token("t1");
  CHECK_FALSE(cache.find(claims_of(laptop)).has_value());
  CHECK(cache.find(claims_of(phone)).has_value());

  cache.forget_user("ada");
  CHECK_FALSE(cache.find(claims_of(phone)).has_value());
  CHECK(cache.find(claims_of(bob)).has_value());
}

TEST_CASE("a session checked before a forget call is not remembered after it", "[auth]") {
  SessionCache cache(10);
  const AuthenticatedUser ada = session("ada", "t1");

  const SessionCache::Epoch before_logout = cache.epoch();
  cache.forget_token("t1");  // a logout while the store was being read
  cache.remember(ada, before_logout);
  CHECK_FALSE(cache.find(claims_of(ada)).has_value());

  const SessionCache::Epoch before_deletion = cache.epoch();
  cache.forget_user("someone else");  // any forget call counts
  cache.remember(ada, before_deletion);
  CHECK_FALSE(cache.find(claims_of(ada)).has_value());

  cache.remember(ada, cache.epoch());
  CHECK(cache.find(claims_of(ada)).has_value());
}

TEST_CASE("a session cache holds at most its capacity; capacity 0 remembers nothing", "[auth]") {
  SessionCache cache(2);
  for (const char* token : {"t1", "t2", "t3"}) cache.remember(session("ada", token), cache.epoch());
  CHECK_FALSE(cache.find(claims_of(session("ada", "t1"))).has_value());
  CHECK(cache.find(claims_of(session("ada", "t3"))).has_value());

  SessionCache off(0);
  off.remember(session("ada", "t1"), off.epoch());
  CHECK_FALSE(off.find(claims_of(session("ada", "t1"))).has_value());
}

}  // namespace
}  // namespace fafnir
