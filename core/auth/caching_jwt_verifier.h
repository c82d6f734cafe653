#pragma once

#include <cstddef>
#include <mutex>
#include <string_view>

#include "core/auth/jwt.h"
#include "core/auth/lru_map.h"

namespace fafnir {

// JwtCodec::verify() that remembers the claims of the tokens it accepted, so that a token
// presented again is neither decoded nor its signature recomputed. Entries are keyed by the whole
// token text: any other text, a tampered copy included, is verified in full, and only tokens the
// codec accepted are ever remembered. Expiry is judged at every call, against the `now` given.
// Holds copies of at most `capacity` tokens and their claims, dropping the least recently used.
// Thread-safe: verify() may run on any number of threads; the cache is locked only to look up and
// to insert, never while a signature is computed.
class CachingJwtVerifier {
 public:
  // Borrows `codec`, which must outlive the verifier.
  CachingJwtVerifier(const JwtCodec& codec, std::size_t capacity)
      : codec_(codec), accepted_(capacity) {}

  // As JwtCodec::verify().
  Result<JwtClaims> verify(std::string_view token, Timestamp now);

 private:
  const JwtCodec& codec_;
  std::mutex mutex_;  // guards accepted_
  LruMap<JwtClaims> accepted_;
};

}  // namespace fafnir
