#include "storage/memory/memory_auth_repository.h"

#include "storage/memory/constraint_violation.h"

namespace fafnir {

Status MemoryAuthRepository::add_user(const Credentials& credentials, const Event& registered) {
  std::lock_guard lock(mutex_);
  if (users_.count(credentials.user_id) != 0) {
    return constraint_violation("UNIQUE constraint failed: users.id");
  }
  if (user_ids_by_email_.count(credentials.email) != 0) {
    return constraint_violation("UNIQUE constraint failed: users.email");
  }
  users_.emplace(credentials.user_id, credentials);
  user_ids_by_email_.emplace(credentials.email, credentials.user_id);
  outbox_.append({registered});
  return Status::Ok();
}

Result<std::optional<Credentials>> MemoryAuthRepository::find_by_email(std::string_view email) {
  std::lock_guard lock(mutex_);
  auto id = user_ids_by_email_.find(email);
  if (id == user_ids_by_email_.end()) return std::optional<Credentials>();
  return std::optional<Credentials>(users_.at(id->second));
}

Result<std::optional<Credentials>> MemoryAuthRepository::find_by_id(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  auto user = users_.find(user_id);
  if (user == users_.end()) return std::optional<Credentials>();
  return std::optional<Credentials>(user->second);
}

Status MemoryAuthRepository::remove_user(std::string_view user_id, const Event& deleted) {
  std::lock_guard lock(mutex_);
  auto user = users_.find(user_id);
  if (user == users_.end()) return Status::NotFound("no user " + std::string(user_id));
  login_failures_.erase(user->second.email);
  user_ids_by_email_.erase(user->second.email);
  users_.erase(user);
  outbox_.append({deleted});
  return Status::Ok();
}

Result<LoginFailures> MemoryAuthRepository::login_failures(std::string_view email) {
  std::lock_guard lock(mutex_);
  auto found = login_failures_.find(email);
  return found == login_failures_.end() ? LoginFailures{} : found->second;
}

Status MemoryAuthRepository::save_login_failures(std::string_view email,
                                                 const LoginFailures& failures) {
  std::lock_guard lock(mutex_);
  login_failures_.insert_or_assign(std::string(email), failures);
  return Status::Ok();
}

Status MemoryAuthRepository::clear_login_failures(std::string_view email) {
  std::lock_guard lock(mutex_);
  if (auto found = login_failures_.find(email); found != login_failures_.end()) {
    login_failures_.erase(found);
  }
  return Status::Ok();
}

Status MemoryAuthRepository::revoke_token(std::string_view token_id, Timestamp expires_at) {
  std::lock_guard lock(mutex_);
  revoked_tokens_.emplace(std::string(token_id), expires_at);  // keeps the first, like OR IGNORE
  return Status::Ok();
}

Result<bool> MemoryAuthRepository::is_token_revoked(std::string_view token_id) {
  std::lock_guard lock(mutex_);
  return revoked_tokens_.count(token_id) != 0;
}

}  // namespace fafnir
