#pragma once

#include <sodium.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

struct PasswordHashingOptions {
  // Argon2id passes; default crypto_pwhash_OPSLIMIT_INTERACTIVE (strong, ~0.1 s per hash).
  unsigned long long ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  // Argon2id memory in bytes; default crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB).
  std::size_t mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

  // The weakest settings libsodium accepts. Only for tests and benchmarks, never production.
  static PasswordHashingOptions fast_for_tests() {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  }
};

// An encoded argon2id hash with `options`, a random salt and a random digest, built without
// hashing anything. Verifying any password against it costs one full hash with `options` and
// fails (unless the password hashes to those random 32 bytes).
std::string decoy_password_hash(const PasswordHashingOptions& options);

// Argon2id password hashing in the self-describing "$argon2id$..." string format.
// Thread-safe after construction.
class PasswordHasher {
 public:
  // Cheap: hashes nothing (burn_equivalent_time() verifies against a decoy_password_hash()).
  // Aborts if libsodium cannot be initialised.
  explicit PasswordHasher(PasswordHashingOptions options = {});

  // A salted encoded hash of `password`. Returns Internal when memory runs out or the options are
  // outside libsodium's limits.
  Result<std::string> hash(std::string_view password) const;

  // True only if `encoded_hash` is a well-formed hash of `password`; hashes made with other options
  // still verify.
  bool verify(std::string_view encoded_hash, std::string_view password) const;

  // Spends about as long as verify() with a wrong password, so a login for an unknown account is
  // indistinguishable by timing from one with a bad password.
  void burn_equivalent_time(std::string_view password) const;

 private:
  PasswordHashingOptions options_;
  std::string decoy_hash_;
};

}  // namespace fafnir
