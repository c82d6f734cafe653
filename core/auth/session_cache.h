#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>

#include "core/auth/authenticated_user.h"
#include "core/auth/jwt.h"
#include "core/auth/lru_map.h"

namespace fafnir {

// The sessions AuthService found live in its store (token not revoked, user present), by token
// id, so that a token presented again needs no store reads. Sound only while every revocation and
// user removal goes through the owner, who calls forget_token() / forget_user() once the store has
// changed. A session checked before such a call is never remembered after it (see Epoch). Tokens
// without an id are never remembered. Holds copies of at most `capacity` sessions, dropping the
// least recently used; capacity 0 remembers nothing. Thread-safe: every call takes one lock.
class SessionCache {
 public:
  // Counts forget calls. Take it before reading the store; remember() drops the session when a
  // forget call came in between, as the read may predate the change it forgets.
  using Epoch = std::uint64_t;

  explicit SessionCache(std::size_t capacity) : sessions_(capacity) {}

  // The session remembered for the token with these (verified) claims; nullopt when none.
  std::optional<AuthenticatedUser> find(const JwtClaims& claims);

  Epoch epoch();

  // Remembers `session` unless a forget call happened since `checked_at` was taken.
  void remember(const AuthenticatedUser& session, Epoch checked_at);

  void forget_token(std::string_view token_id);
  // Forgets every session of the user, scanning all that are remembered.
  void forget_user(std::string_view user_id);

 private:
  std::mutex mutex_;  // guards everything below
  Epoch epoch_ = 0;
  LruMap<AuthenticatedUser> sessions_;  // by token id
};

}  // namespace fafnir
