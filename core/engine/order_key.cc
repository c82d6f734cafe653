#include "core/engine/order_key.h"

namespace fafnir {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_dash_position(std::size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

}  // namespace

std::optional<OrderKey> OrderKey::from_uuid(std::string_view uuid) {
  if (uuid.size() != 36) return std::nullopt;
  OrderKey key;
  std::size_t nibble = 0;
  for (std::size_t i = 0; i < uuid.size(); ++i) {
    if (is_dash_position(i)) {
      if (uuid[i] != '-') return std::nullopt;
      continue;
    }
    int value = hex_value(uuid[i]);
    if (value < 0) return std::nullopt;
    key.bytes[nibble / 2] = static_cast<std::uint8_t>(key.bytes[nibble / 2] | (nibble % 2 == 0 ? value << 4 : value));
    ++nibble;
  }
  return key;
}

std::string OrderKey::to_uuid() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string uuid;
  uuid.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) uuid += '-';
    uuid += kDigits[bytes[i] >> 4];
    uuid += kDigits[bytes[i] & 0x0f];
  }
  return uuid;
}

}  // namespace fafnir
