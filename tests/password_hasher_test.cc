#include "core/auth/password_hasher.h"

#include <catch2/catch.hpp>
#include <string>

namespace fafnir {
namespace {

TEST_CASE("a password hashes to an argon2id string that verifies only that password", "[auth]") {
  const PasswordHasher hasher(PasswordHashingOptions::fast_for_tests());
  const Result<std::string> hash = hasher.hash("correct horse battery staple");
  REQUIRE(hash.ok());
  CHECK(hash->rfind("$argon2id$", 0) == 0);
  CHECK(hash->find("correct horse") == std::string::npos);

  CHECK(hasher.verify(*hash, "correct horse battery staple"));
  CHECK_FALSE(hasher.verify(*hash, "correct horse battery stapler"));
  CHECK_FALSE(hasher.verify(*hash, ""));
  CHECK_FALSE(hasher.verify("not a hash", "correct horse battery staple"));
  CHECK_FALSE(hasher.verify("", ""));
}

TEST_CASE("hashing the same password twice gives different salted hashes", "[auth]") {
  const PasswordHasher hasher(PasswordHashingOptions::fast_for_tests());
  const Result<std::string> first = hasher.hash("hunter2");
  const Result<std::string> second = hasher.hash("hunter2");
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(*first != *second);
  CHECK(hasher.verify(*first, "hunter2"));
  CHECK(hasher.verify(*second, "hunter2"));
}

TEST_CASE("fast test options are libsodium's minimum and record themselves in the hash", "[auth]") {
  const PasswordHashingOptions fast = PasswordHashingOptions::fast_for_tests();
  CHECK(fast.ops_limit == crypto_pwhash_OPSLIMIT_MIN);
  CHECK(fast.mem_limit == crypto_pwhash_MEMLIMIT_MIN);
  CHECK(PasswordHashingOptions{}.ops_limit == crypto_pwhash_OPSLIMIT_INTERACTIVE);
  CHECK(PasswordHashingOptions{}.mem_limit == crypto_pwhash_MEMLIMIT_INTERACTIVE);

  const Result<std::string> hash = PasswordHasher(fast).hash("pw");
  REQUIRE(hash.ok());
  CHECK(hash->find("$m=8,t=1,") != std::string::npos);
  CHECK(PasswordHasher({2, 16 * 1024}).verify(*hash, "pw"));
}

TEST_CASE("options below libsodium's limits fail with Internal", "[auth]") {
  const PasswordHasher hasher({0, 0});
  const Result<std::string> hash = hasher.hash("pw");
  REQUIRE_FALSE(hash.ok());
  CHECK(hash.status().code() == ErrorCode::kInternal);
}

TEST_CASE("a decoy hash is a well-formed argon2id hash with the given options", "[auth]") {
  for (const PasswordHashingOptions options :
       {PasswordHashingOptions{}, PasswordHashingOptions::fast_for_tests(),
        PasswordHashingOptions{3, 32 * 1024 * 1024}}) {
    const std::string decoy = decoy_password_hash(options);
    // 0: libsodium parses it and finds exactly these limits, so verifying against it runs one
    // full hash with them (-1 would mean it is rejected before hashing anything).
    CHECK(crypto_pwhash_str_needs_rehash(decoy.c_str(), options.ops_limit, options.mem_limit) == 0);
    CHECK(crypto_pwhash_str_needs_rehash(decoy.c_str(), options.ops_limit + 1, options.mem_limit) == 1);
    CHECK(decoy.size() < crypto_pwhash_STRBYTES);
  }
  const PasswordHashingOptions fast = PasswordHashingOptions::fast_for_tests();
  const std::string decoy = decoy_password_hash(fast);
  CHECK(decoy != decoy_password_hash(fast));
  const PasswordHasher hasher(fast);
  CHECK_FALSE(hasher.verify(decoy, ""));
  CHECK_FALSE(hasher.verify(decoy, "whatever"));
}

TEST_CASE("burning equivalent time accepts any password", "[auth]") {
  const PasswordHasher hasher(PasswordHashingOptions::fast_for_tests());
  hasher.burn_equivalent_time("whatever");
  hasher.burn_equivalent_time("");
}

}  // namespace
}  // namespace fafnir
