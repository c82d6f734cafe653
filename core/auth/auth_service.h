#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/auth/auth_repository.h"
#include "core/auth/authenticated_user.h"
#include "core/auth/caching_jwt_verifier.h"
#include "core/auth/jwt.h"
#include "core/auth/login_throttling.h"
#include "core/auth/password_hasher.h"
#include "core/auth/session_cache.h"
#include "core/common/clock.h"
#include "core/common/id_generator.h"

namespace fafnir {

struct RegistrationRequest {
  std::string email;
  std::string password;
  std::string first_name;
  std::string last_name;
};

struct LoginSession {
  std::string user_id;
  std::string token;       // HS256 JWT
  std::string csrf_token;  // random, for the double-submit cookie
  Timestamp expires_at;
};

// Registration, login, token checks, logout and account deletion. Thread-safe.
//
// authenticate() remembers the tokens it verified (up to kRememberedTokens, expiry still judged
// by `session_clock` at every call) and, when the repository is its store's sole writer, the
// sessions it found live in the store (up to kRememberedSessions), so that a token presented
// again needs neither its signature recomputed nor store reads. logout() and delete_user() forget
// the token's or the user's sessions once the store has changed: from their return on, the
// token, or every token of the deleted user, is refused. With a shared store (another process
// may revoke tokens or remove users) every call reads it.
class AuthService {
 public:
  static constexpr Duration kTokenLifetime = std::chrono::hours(1);
  static constexpr std::size_t kRememberedTokens = 10'000;
  static constexpr std::size_t kRememberedSessions = 10'000;

  // Does not take ownership; all must outlive the service. `clock` dates registrations and
  // deletions; `session_clock` times tokens and lockouts (wall time in the CLI, so that a login
  // lasts an hour and a lockout 30 s whatever simulated time does).
  AuthService(AuthRepository& repository, const PasswordHasher& hasher, const JwtCodec& jwt,
              const Clock& clock, const Clock& session_clock, IdGenerator& ids,
              LoginThrottling throttling = {})
      : repository_(repository),
        hasher_(hasher),
        jwt_(jwt),
        clock_(clock),
        session_clock_(session_clock),
        ids_(ids),
        throttling_(throttling),
        verifier_(jwt, kRememberedTokens),
        sessions_(repository.is_sole_writer() ? kRememberedSessions : 0) {}

  // The new user's id. InvalidArgument for a malformed email, a password under 8 characters or
  // empty names; AlreadyExists when the email (in any letter case) is registered.
  // Publishes users.registered.
  Result<std::string> register_user(const RegistrationRequest& request);

  // Unauthenticated "invalid email or password" for an unknown email or a wrong password, after
  // the same work in both cases; ResourceExhausted while the email is locked out after repeated
  // failures.
  Result<LoginSession> login(std::string_view email, std::string_view password);

  // Unauthenticated for a malformed, forged, expired or revoked token, or a deleted user.
  Result<AuthenticatedUser> authenticate(std::string_view token);

  // Revokes the caller's token.
  Status logout(const AuthenticatedUser& user);

  // Removes the user's credentials, revokes the token and publishes users.deleted, upon which
  // every service removes that user's data.
  Status delete_user(const AuthenticatedUser& user);

 private:
  Status refuse_if_locked_out(std::string_view email, Timestamp now);
  Status note_failed_login(std::string_view email, Timestamp now);

  AuthRepository& repository_;
  const PasswordHasher& hasher_;
  const JwtCodec& jwt_;
  const Clock& clock_;
  const Clock& session_clock_;
  IdGenerator& ids_;
  LoginThrottling throttling_;
  CachingJwtVerifier verifier_;
  SessionCache sessions_;
};

}  // namespace fafnir
