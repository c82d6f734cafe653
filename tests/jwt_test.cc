#include "core/auth/jwt.h"

#include <sodium.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "core/common/encoding.h"

namespace fafnir {
namespace {

constexpr std::string_view kSecret = "test-secret-that-is-long-enough-for-hs256";
const Timestamp kIssued = Timestamp::from_seconds(1'700'000'000);
const Timestamp kExpires = kIssued + std::chrono::minutes(15);

JwtClaims sample_claims() { return {"user-42", "token-7", kIssued, kExpires}; }

std::string hmac_b64(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return base64url_encode({reinterpret_cast<const char*>(mac), sizeof(mac)});
}

// A token with arbitrary header and payload JSON, correctly HMAC-SHA256-signed with `key`.
std::string hand_signed(std::string_view header, std::string_view payload,
                        std::string_view key = kSecret) {
  const std::string input = base64url_encode(header) + "." + base64url_encode(payload);
  return input + "." + hmac_b64(key, input);
}

constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";

void check_rejected(const JwtCodec& codec, std::string_view token, std::string_view reason) {
  const Result<JwtClaims> claims = codec.verify(token, kIssued);
  REQUIRE_FALSE(claims.ok());
  CHECK(claims.status().code() == ErrorCode::kUnauthenticated);
  CHECK_THAT(claims.status().message(), Catch::Contains(std::string(reason)));
}

TEST_CASE("a signed token verifies back to the same claims", "[auth]") {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.sign(sample_claims());
  CHECK(std::count(token.begin(), token.end(), '.') == 2);
  CHECK(token.find('=') == std::string::npos);

  const Result<JwtClaims> claims = codec.verify(token, kIssued + std::chrono::minutes(5));
  REQUIRE(claims.ok());
  CHECK(claims->subject == "user-42");
  CHECK(claims->token_id == "token-7");
  CHECK(claims->issued_at == kIssued);
  CHECK(claims->expires_at == kExpires);
}

TEST_CASE("the header and payload use the standard names and integer seconds", "[auth]") {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.sign(sample_claims());
  const std::size_t dot = token.find('.');
  CHECK(*base64url_decode(token.substr(0, dot)) == kHeader);
  CHECK(*base64url_decode(token.substr(dot + 1, token.rfind('.') - dot - 1)) ==
        R"({"exp":1700000900,"iat":1700000000,"jti":"token-7","sub":"user-42"})");
}

TEST_CASE("a token is rejected from its expiry second onwards", "[auth]") {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.sign(sample_claims());
  CHECK(codec.verify(token, kExpires - std::chrono::microseconds(1)).ok());
  const Result<JwtClaims> expired = codec.verify(token, kExpires);
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.status().code() == ErrorCode::kUnauthenticated);
  CHECK_THAT(expired.status().message(), Catch::Contains("expired"));
}

TEST_CASE("tampering with the payload or signature breaks the token", "[auth]") {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.sign(sample_claims());
  const std::size_t first = token.find('.');
  const std::size_t second = token.rfind('.');

  const std::string forged_payload =
      base64url_encode(R"({"exp":1700000900,"iat":1700000000,"jti":"token-7","sub":"admin"})");
  check_rejected(codec, token.substr(0, first + 1) + forged_payload + token.substr(second),
                 "bad signature");

  std::string bad_signature = token;
  bad_signature[second + 1] = bad_signature[second + 1] == 'A' ? 'B' : 'A';
  check_rejected(codec, bad_signature, "bad signature");
  check_rejected(codec, token.substr(0, second + 1), "bad signature");
  check_rejected(codec, token.substr(0, token.size() - 2), "");
}

TEST_CASE("only alg HS256 is accepted", "[auth]") {
  const JwtCodec codec{std::string(kSecret)};
  const std::string payload = R"({"sub":"admin","exp":1800000000})";
  check_rejected(
      codec,
      base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + base64url_encode(payload) + ".",
      "alg must be HS256");
  check_rejected(codec, hand_signed(R"({"alg":"HS512","typ":"JWT"})", payload),
                 "alg must be HS256");
  check_rejected(codec, hand_signed(R"({"alg":"RS256"})", payload), "alg must be HS256");
  check_rejected(codec, hand_signed(R"({"alg":"hs256"})", payload), "alg must be HS256");
  check_rejected(codec, hand_signed(R"({"alg":["HS256"]})", payload), "alg must be HS256");
  check_rejected(codec, hand_signed(R"({"typ":"JWT"})", payload), "alg must be HS256");
  CHECK(codec.verify(hand_signed(R"({"alg":"HS256"})", payload), kIssued).ok());
}

TEST_CASE("the subject and expiry must be present and well typed", "[auth]") {
  const JwtCodec codec{std::string(kSecret)};
  check_rejected(codec, hand_signed(kHeader, R"({"exp":1800000000})"), "sub");
  check_rejected(codec, hand_signed(kHeader, R"({"sub":"","exp":1800000000})"), "sub");
  check_rejected(codec, hand_signed(kHeader, R"({"sub":42,"exp":1800000000})"), "sub");
  check_rejected(codec, hand_signed(kHeader, R"({"sub":"u"})"), "exp");
  check_rejected(codec, hand_signed(kHeader, R"({"sub":"u","exp":"1800000000"})"), "exp");
  check_rejected(codec, hand_signed(kHeader, R"({"sub":"u","exp":1.8e9})"), "exp");
  check_rejected(codec, hand_signed(kHeader, R"({"sub":"u","exp":18446744073709551615})"), "exp");
  check_rejected(codec, hand_signed(kHeader, R"({"sub":"u","exp":1800000000,"jti":7})"), "jti");
  check_rejected(codec, hand_signed(kHeader, R"(["sub","exp"])"), "payload");

  const Result<JwtClaims> minimal =
      codec.verify(hand_signed(kHeader, R"({"sub":"u","exp":1800000000})"), kIssued);
  REQUIRE(minimal.ok());
  CHECK(minimal->token_id.empty());
}

TEST_CASE("garbage is rejected without crashing", "[auth]") {
  const JwtCodec codec{std::string(kSecret)};
  for (std::string_view garbage : {"", ".", "..", "...", "a.b", "a.b.c.d", "not a token",
                                   "!!!.???.***", "e30.e30.", "bnVsbA.e30.AAAA"}) {
    check_rejected(codec, garbage, "invalid token");
  }
  check_rejected(codec, std::string(10'000, 'a'), "too long");
  check_rejected(codec, hand_signed("not json", "{}"), "header is not a JSON object");
}

TEST_CASE("a token signed with another secret is rejected", "[auth]") {
  const JwtCodec ours{std::string(kSecret)};
  const JwtCodec theirs{JwtCodec::generate_secret()};
  check_rejected(ours, theirs.sign(sample_claims()), "bad signature");
  check_rejected(theirs, ours.sign(sample_claims()), "bad signature");
  check_rejected(ours, hand_signed(kHeader, R"({"sub":"u","exp":1800000000})", "wrong"),
                 "bad signature");
}

TEST_CASE("generated secrets and random tokens are fresh base64url", "[auth]") {
  const std::string secret = JwtCodec::generate_secret();
  CHECK(secret.size() == 43);
  CHECK(base64url_decode(secret)->size() == 32);
  CHECK(secret != JwtCodec::generate_secret());
  CHECK(random_token().size() == 43);
  CHECK(random_token(16).size() == 22);
  CHECK(random_token(16) != random_token(16));
}

TEST_CASE("base64url round-trips and rejects non-canonical text", "[auth]") {
  CHECK(base64url_encode("") == "");
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  CHECK(*base64url_decode("-_8") == "\xfb\xff");
  CHECK(*base64url_decode("") == "");
  CHECK_FALSE(base64url_decode("-_8=").ok());
  CHECK_FALSE(base64url_decode("+/8").ok());
  CHECK_FALSE(base64url_decode("A").ok());
  CHECK_FALSE(base64url_decode("-_9").ok());
  CHECK_FALSE(base64url_decode("ab cd").ok());
}

}  // namespace
}  // namespace fafnir
