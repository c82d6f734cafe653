#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// URL-safe base64 (RFC 4648 §5) without padding. Thread-safe.
std::string base64url_encode(std::string_view bytes);

// Standard base64 (RFC 4648 §4) without padding, the form of salts and digests in PHC strings
// such as argon2id hashes. Thread-safe.
std::string base64_encode_unpadded(std::string_view bytes);

// Decodes unpadded URL-safe base64. Returns InvalidArgument for padding, whitespace, characters
// outside the alphabet, an impossible length or non-zero trailing bits.
Result<std::string> base64url_decode(std::string_view text);

// `bytes` bytes from the OS CSPRNG. Thread-safe.
std::string random_bytes(std::size_t bytes);

// base64url of `bytes` bytes from the OS CSPRNG, e.g. for CSRF tokens. Thread-safe.
std::string random_token(std::size_t bytes = 32);

}  // namespace fafnir
