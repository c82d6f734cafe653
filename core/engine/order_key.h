#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace fafnir {

// An order id (a UUID) packed into 16 bytes, so a million resting orders stay small.
struct OrderKey {
  std::array<std::uint8_t, 16> bytes{};

  // nullopt unless `uuid` is 8-4-4-4-12 hex digits.
  static std::optional<OrderKey> from_uuid(std::string_view uuid);
  // Lowercase 8-4-4-4-12 form.
  std::string to_uuid() const;

  friend bool operator==(const OrderKey&, const OrderKey&) = default;
};

struct OrderKeyHash {
  std::size_t operator()(const OrderKey& key) const {
    std::uint64_t low = 0, high = 0;
    std::memcpy(&low, key.bytes.data(), 8);
    std::memcpy(&high, key.bytes.data() + 8, 8);
    return static_cast<std::size_t>(low ^ (high * 0x9e3779b97f4a7c15ULL));
  }
};

}  // namespace fafnir
