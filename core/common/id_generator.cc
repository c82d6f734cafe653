#include "core/common/id_generator.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace fafnir {
namespace {

constexpr std::size_t kUuidLength = 36;
constexpr std::size_t kRandomBufferSize = 4096;

// Fills `out` from a per-thread buffer of CSPRNG output, refilled 4 KiB at a time, so that an id
// costs no system call.
void fill_random(unsigned char* out, std::size_t size) {
  thread_local std::array<unsigned char, kRandomBufferSize> buffer;
  thread_local std::size_t used = kRandomBufferSize;
  if (used + size > buffer.size()) {
    randombytes_buf(buffer.data(), buffer.size());
    used = 0;
  }
  std::copy_n(buffer.data() + used, size, out);
  sodium_memzero(buffer.data() + used, size);
  used += size;
}

bool is_dash_position(std::size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

RandomIdGenerator::RandomIdGenerator() {
  if (sodium_init() < 0) std::abort();
}

std::string RandomIdGenerator::next() {
  std::array<unsigned char, 16> bytes;
  fill_random(bytes.data(), bytes.size());
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  // RFC 4122 variant

  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(kUuidLength);
  for (unsigned char byte : bytes) {
    if (is_dash_position(out.size())) out.push_back('-');
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0f]);
  }
  return out;
}

bool is_uuid(std::string_view text) {
  if (text.size() != kUuidLength) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_dash_position(i) ? text[i] != '-' : !is_hex(text[i])) return false;
  }
  return true;
}

}  // namespace fafnir
