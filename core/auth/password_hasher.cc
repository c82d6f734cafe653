#include "core/auth/password_hasher.h"

#include <array>
#include <string>

#include "core/common/encoding.h"

namespace fafnir {

std::string decoy_password_hash(const PasswordHashingOptions& options) {
  // The layout crypto_pwhash_str() writes: memory in KiB, passes, one lane, salt, digest.
  return "$argon2id$v=19$m=" + std::to_string(options.mem_limit / 1024) +
         ",t=" + std::to_string(options.ops_limit) + ",p=1$" +
         base64_encode_unpadded(random_bytes(crypto_pwhash_SALTBYTES)) + "$" +
         base64_encode_unpadded(random_bytes(32));
}

PasswordHasher::PasswordHasher(PasswordHashingOptions options)
    : options_(options), decoy_hash_(decoy_password_hash(options)) {}

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
  static_cast<void>(verify(decoy_hash_, password));
}

}  // namespace fafnir
