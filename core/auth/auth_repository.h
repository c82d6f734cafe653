#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/status.h"
#include "core/common/timestamp.h"
#include "core/events/event.h"

namespace fafnir {

struct Credentials {
  std::string user_id;
  std::string email;  // normalized: trimmed, lower case
  std::string password_hash;
  Timestamp created_at;
};

// Consecutive failed logins for one email, and until when further attempts are refused.
struct LoginFailures {
  int count = 0;
  Timestamp locked_until;
};

// The auth service's store. Emails are passed already normalized. Every write that carries an
// Event commits it to the service's outbox in the same transaction. Implementations are
// thread-safe.
class AuthRepository {
 public:
  virtual ~AuthRepository() = default;

  // AlreadyExists when the email is taken.
  virtual Status add_user(const Credentials& credentials, const Event& registered) = 0;
  virtual Result<std::optional<Credentials>> find_by_email(std::string_view email) = 0;
  virtual Result<std::optional<Credentials>> find_by_id(std::string_view user_id) = 0;
  // NotFound when no such user.
  virtual Status remove_user(std::string_view user_id, const Event& deleted) = 0;

  virtual Result<LoginFailures> login_failures(std::string_view email) = 0;
  virtual Status save_login_failures(std::string_view email, const LoginFailures& failures) = 0;
  virtual Status clear_login_failures(std::string_view email) = 0;

  // Remembers a signed-out token until it would have expired anyway.
  virtual Status revoke_token(std::string_view token_id, Timestamp expires_at) = 0;
  virtual Result<bool> is_token_revoked(std::string_view token_id) = 0;

  // True when users and revoked tokens change only through this object (no other process or
  // connection can write the store), so that they stay as last read until changed through it. The
  // service then remembers live sessions between calls. Default false: it reads them every time.
  virtual bool is_sole_writer() const { return false; }
};

}  // namespace fafnir
