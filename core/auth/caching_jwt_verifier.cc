#include "core/auth/caching_jwt_verifier.h"

namespace fafnir {

Result<JwtClaims> CachingJwtVerifier::verify(std::string_view token, Timestamp now) {
  {
    std::lock_guard lock(mutex_);
    if (const JwtClaims* claims = accepted_.find(token)) {
      if (now < claims->expires_at) return *claims;
      accepted_.erase(token);
    }
  }
  FAFNIR_ASSIGN_OR_RETURN(JwtClaims claims, codec_.verify(token, now));
  std::lock_guard lock(mutex_);
  accepted_.put(token, claims);
  return claims;
}

}  // namespace fafnir
