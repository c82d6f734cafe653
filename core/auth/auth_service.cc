#include "core/auth/auth_service.h"

#include <algorithm>

#include "core/auth/email_address.h"
#include "core/common/encoding.h"
#include "core/common/text.h"
#include "core/events/user_events.h"

namespace fafnir {
namespace {

constexpr std::size_t kMinPasswordLength = 8;
constexpr std::size_t kMaxPasswordLength = 1024;
constexpr std::size_t kMaxNameLength = 100;
constexpr std::string_view kBadCredentials = "invalid email or password";

Result<std::string> validate_name(std::string_view name, std::string_view field) {
  name = trim(name);
  if (name.empty()) return Status::InvalidArgument(std::string(field) + " is required");
  if (name.size() > kMaxNameLength) {
    return Status::InvalidArgument(std::string(field) + " is longer than 100 characters");
  }
  bool has_control = std::any_of(name.begin(), name.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < ' '; });
  if (has_control) {
    return Status::InvalidArgument(std::string(field) + " contains control characters");
  }
  return std::string(name);
}

// Characters, not bytes: UTF-8 continuation bytes do not count.
std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Status validate_password(std::string_view password) {
  std::size_t characters = character_count(password);
  if (characters < kMinPasswordLength) {
    return Status::InvalidArgument("password must be at least 8 characters");
  }
  if (characters > kMaxPasswordLength) {
    return Status::InvalidArgument("password must be at most 1024 characters");
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> AuthService::register_user(const RegistrationRequest& request) {
  FAFNIR_ASSIGN_OR_RETURN(std::string email, normalize_email(request.email));
  FAFNIR_RETURN_IF_ERROR(validate_password(request.password));
  FAFNIR_ASSIGN_OR_RETURN(std::string first_name, validate_name(request.first_name, "first name"));
  FAFNIR_ASSIGN_OR_RETURN(std::string last_name, validate_name(request.last_name, "last name"));

  FAFNIR_ASSIGN_OR_RETURN(std::optional<Credentials> existing, repository_.find_by_email(email));
  if (existing) return Status::AlreadyExists("email " + email + " is already registered");
  FAFNIR_ASSIGN_OR_RETURN(std::string password_hash, hasher_.hash(request.password));

  Credentials credentials{ids_.next(), email, std::move(password_hash), clock_.now()};
  UserRegistered registered{credentials.user_id, email, first_name, last_name,
                            credentials.created_at};
  Status added = repository_.add_user(credentials, registered.to_event(ids_.next()));
  if (added.code() == ErrorCode::kAlreadyExists) {
    return Status::AlreadyExists("email " + email + " is already registered");
  }
  FAFNIR_RETURN_IF_ERROR(added);
  return credentials.user_id;
}

Result<LoginSession> AuthService::login(std::string_view raw_email, std::string_view password) {
  Timestamp now = session_clock_.now();
  Result<std::string> email = normalize_email(raw_email);
  if (!email.ok()) {
    hasher_.burn_equivalent_time(password);
    return Status::Unauthenticated(std::string(kBadCredentials));
  }
  FAFNIR_RETURN_IF_ERROR(refuse_if_locked_out(*email, now));
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Credentials> credentials,
                          repository_.find_by_email(*email));
  bool accepted = false;
  if (credentials) {
    accepted = hasher_.verify(credentials->password_hash, password);
  } else {
    hasher_.burn_equivalent_time(password);
  }
  if (!accepted) {
    FAFNIR_RETURN_IF_ERROR(note_failed_login(*email, now));
    return Status::Unauthenticated(std::string(kBadCredentials));
  }
  FAFNIR_RETURN_IF_ERROR(repository_.clear_login_failures(*email));

  JwtClaims claims{credentials->user_id, ids_.next(), now, now + kTokenLifetime};
  return LoginSession{credentials->user_id, jwt_.sign(claims), random_token(), claims.expires_at};
}

Status AuthService::refuse_if_locked_out(std::string_view email, Timestamp now) {
  FAFNIR_ASSIGN_OR_RETURN(LoginFailures failures, repository_.login_failures(email));
  if (failures.locked_until <= now) return Status::Ok();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(failures.locked_until - now);
  return Status::ResourceExhausted("too many failed logins for this email; try again in " +
                                   std::to_string(std::max<std::int64_t>(1, seconds.count())) +
                                   " s");
}

Status AuthService::note_failed_login(std::string_view email, Timestamp now) {
  FAFNIR_ASSIGN_OR_RETURN(LoginFailures failures, repository_.login_failures(email));
  ++failures.count;
  if (std::optional<Duration> lockout = throttling_.lockout_after(failures.count)) {
    failures.locked_until = now + *lockout;
  }
  return repository_.save_login_failures(email, failures);
}

Result<AuthenticatedUser> AuthService::authenticate(std::string_view token) {
  FAFNIR_ASSIGN_OR_RETURN(JwtClaims claims, verifier_.verify(token, session_clock_.now()));
  if (std::optional<AuthenticatedUser> live = sessions_.find(claims)) return *std::move(live);
  const SessionCache::Epoch checked_at = sessions_.epoch();
  if (!claims.token_id.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(bool revoked, repository_.is_token_revoked(claims.token_id));
    if (revoked) return Status::Unauthenticated("token has been signed out");
  }
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Credentials> credentials,
                          repository_.find_by_id(claims.subject));
  if (!credentials) return Status::Unauthenticated("the token's user no longer exists");
  AuthenticatedUser user{credentials->user_id, credentials->email, claims.token_id,
                         claims.expires_at};
  sessions_.remember(user, checked_at);
  return user;
}

Status AuthService::logout(const AuthenticatedUser& user) {
  if (user.token_id.empty()) return Status::Ok();
  Status revoked = repository_.revoke_token(user.token_id, user.token_expires_at);
  sessions_.forget_token(user.token_id);
  return revoked;
}

Status AuthService::delete_user(const AuthenticatedUser& user) {
  UserDeleted deleted{user.user_id, clock_.now()};
  Status removed = repository_.remove_user(user.user_id, deleted.to_event(ids_.next()));
  sessions_.forget_user(user.user_id);
  FAFNIR_RETURN_IF_ERROR(removed);
  return logout(user);
}

}  // namespace fafnir
