#pragma once

#include <string>
#include <string_view>

#include "core/common/status.h"
#include "core/common/timestamp.h"

namespace fafnir {

// The claims fafnir puts in an access token. Times travel as whole Unix seconds.
struct JwtClaims {
  std::string subject;   // "sub": the user id; never empty in a verified token
  std::string token_id;  // "jti": empty when the token carries none
  Timestamp issued_at;   // "iat": the Unix epoch when the token carries none
  Timestamp expires_at;  // "exp"
};

// HS256 JSON Web Tokens (RFC 7519) signed with a shared secret. Thread-safe; holds a copy of the
// secret for its lifetime.
class JwtCodec {
 public:
  // `secret` is the raw HMAC key; it should hold at least 32 random bytes (see generate_secret()).
  explicit JwtCodec(std::string secret);

  // A compact "header.payload.signature" token. Sub-second parts of the times are dropped.
  std::string sign(const JwtClaims& claims) const;

  // The claims of a token this codec signed that has not expired at `now` (expired when
  // now >= exp). Returns Unauthenticated naming the first problem otherwise: malformed token,
  // an `alg` other than exactly "HS256", bad signature (checked before the payload is read),
  // missing or ill-typed claims, expiry.
  Result<JwtClaims> verify(std::string_view token, Timestamp now) const;

  // 32 bytes from the OS CSPRNG, base64url-encoded; suitable as a `secret`.
  static std::string generate_secret();

 private:
  std::string secret_;
};

}  // namespace fafnir
