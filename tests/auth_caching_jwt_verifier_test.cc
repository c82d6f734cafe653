#include "core/auth/caching_jwt_verifier.h"

#include <catch2/catch.hpp>
#include <string>

namespace fafnir {
namespace {

using namespace std::chrono_literals;

const Timestamp kIssued = Timestamp::from_seconds(1'767'225'600);

struct Verifying {
  JwtCodec codec{"caching-verifier-test-secret-of-32-bytes"};
  CachingJwtVerifier verifier{codec, 100};
  JwtClaims claims{"user-1", "token-1", kIssued, kIssued + 1h};
  std::string token = codec.sign(claims);
};

std::string with_flipped_char(std::string token, std::size_t at) {
  token[at] = token[at] == 'A' ? 'B' : 'A';
  return token;
}

TEST_CASE("a verified token is answered again until it expires", "[auth]") {
  Verifying v;
  for (int i = 0; i < 3; ++i) {
    Result<JwtClaims> claims = v.verifier.verify(v.token, kIssued + 10min);
    REQUIRE(claims.ok());
    CHECK(claims->subject == "user-1");
    CHECK(claims->token_id == "token-1");
  }
  CHECK(v.verifier.verify(v.token, kIssued + 1h - 1s).ok());
  Result<JwtClaims> expired = v.verifier.verify(v.token, kIssued + 1h);
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.status().code() == ErrorCode::kUnauthenticated);
  CHECK(expired.status().message() == "token expired");
  // Forgotten once found expired, it is verified afresh when asked about an earlier time.
  CHECK(v.verifier.verify(v.token, kIssued + 10min).ok());
}

TEST_CASE("tampered copies of a remembered token are refused, every time", "[auth]") {
  Verifying v;
  REQUIRE(v.verifier.verify(v.token, kIssued).ok());
  const std::size_t payload_at = v.token.find('.') + 1;
  const std::size_t signature_at = v.token.rfind('.') + 1;
  const std::string forgeries[] = {
      with_flipped_char(v.token, signature_at),
      with_flipped_char(v.token, payload_at + 3),
      with_flipped_char(v.token, 2),
      v.token + "A",
      v.token.substr(0, v.token.size() - 1),
      v.token.substr(0, signature_at),
  };
  for (const std::string& forged : forgeries) {
    INFO(forged);
    for (int attempt = 0; attempt < 2; ++attempt) {
      Result<JwtClaims> refused = v.verifier.verify(forged, kIssued);
      REQUIRE_FALSE(refused.ok());
      CHECK(refused.status().code() == ErrorCode::kUnauthenticated);
    }
  }
  CHECK(v.verifier.verify(v.token, kIssued).ok());
}

TEST_CASE("a token signed with another secret is refused though its claims are remembered",
          "[auth]") {
  Verifying v;
  REQUIRE(v.verifier.verify(v.token, kIssued).ok());
  JwtCodec stranger("another-secret-another-secret-32b");
  Result<JwtClaims> refused = v.verifier.verify(stranger.sign(v.claims), kIssued);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message() == "invalid token: bad signature");
}

}  // namespace
}  // namespace fafnir
