#include "core/auth/session_cache.h"

namespace fafnir {

std::optional<AuthenticatedUser> SessionCache::find(const JwtClaims& claims) {
  if (claims.token_id.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  const AuthenticatedUser* session = sessions_.find(claims.token_id);
  if (session == nullptr || session->user_id != claims.subject ||
      session->token_expires_at != claims.expires_at) {
    return std::nullopt;
  }
  return *session;
}

SessionCache::Epoch SessionCache::epoch() {
  std::lock_guard lock(mutex_);
  return epoch_;
}

void SessionCache::remember(const AuthenticatedUser& session, Epoch checked_at) {
  if (session.token_id.empty()) return;
  std::lock_guard lock(mutex_);
  if (checked_at != epoch_) return;
  sessions_.put(session.token_id, session);
}

void SessionCache::forget_token(std::string_view token_id) {
  std::lock_guard lock(mutex_);
  ++epoch_;
  sessions_.erase(token_id);
}

void SessionCache::forget_user(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  ++epoch_;
  sessions_.erase_if([user_id](const AuthenticatedUser& session) { return session.user_id == user_id; });
}

}  // namespace fafnir
