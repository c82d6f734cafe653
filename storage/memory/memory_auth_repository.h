#pragma once

#include <mutex>
#include <string>

#include "core/auth/auth_repository.h"
#include "core/common/string_hash.h"
#include "storage/memory/memory_outbox.h"

namespace fafnir {

// AuthRepository in memory, with the constraints of auth.db: user ids and emails are unique
// (AlreadyExists). Each write that carries an event appends it to the service's outbox in the
// same step. Thread-safe: one mutex guards everything.
class MemoryAuthRepository final : public AuthRepository {
 public:
  // `outbox` receives the users.registered and users.deleted events. REQUIRES: it outlives every
  // call to the repository.
  explicit MemoryAuthRepository(MemoryOutbox& outbox) : outbox_(outbox) {}

  Status add_user(const Credentials& credentials, const Event& registered) override;
  Result<std::optional<Credentials>> find_by_email(std::string_view email) override;
  Result<std::optional<Credentials>> find_by_id(std::string_view user_id) override;
  Status remove_user(std::string_view user_id, const Event& deleted) override;

  Result<LoginFailures> login_failures(std::string_view email) override;
  Status save_login_failures(std::string_view email, const LoginFailures& failures) override;
  Status clear_login_failures(std::string_view email) override;

  Status revoke_token(std::string_view token_id, Timestamp expires_at) override;
  Result<bool> is_token_revoked(std::string_view token_id) override;
  // Nothing but this object can reach its data.
  bool is_sole_writer() const override { return true; }

 private:
  std::mutex mutex_;
  MemoryOutbox& outbox_;
  StringMap<Credentials> users_;  // by user id
  StringMap<std::string> user_ids_by_email_;
  StringMap<LoginFailures> login_failures_;  // by email
  StringMap<Timestamp> revoked_tokens_;      // expiry by token id
};

}  // namespace fafnir
