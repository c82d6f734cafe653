#include "core/auth/password_hasher.h"

#include <array>
#include <cstdlib>

#include "core/common/encoding.h"

namespace fafnir {

PasswordHasher::PasswordHasher(PasswordHashingOptions options) : options_(options) {
  if (sodium_init() < 0) std::abort();
  Result<std::string> dummy = hash(random_token(16));
  if (dummy.ok()) dummy_hash_ = std::move(dummy).value();
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), options_.ops_limit,
                            options_.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("password hashing failed (out of memory or invalid limits)");
  }
  return std::string(out.data());
}

bool PasswordHasher::verify(std::string_view encoded_hash, std::string_view password) const {
  const std::string terminated(encoded_hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::burn_equivalent_time(std::string_view password) const {
  static_cast<void>(verify(dummy_hash_, password));
}

}  // namespace fafnir
