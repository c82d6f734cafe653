#pragma once

#include <string>
#include <string_view>

namespace fafnir {

// Source of unique identifiers. Implementations are thread-safe.
class IdGenerator {
 public:
  virtual ~IdGenerator() = default;

  // A fresh lowercase UUID in the 8-4-4-4-12 form, e.g. "1b4e28ba-2fa1-41d2-883f-0016d3cca427".
  virtual std::string next() = 0;
};

// Random (version 4, RFC 4122 variant) UUIDs from the OS CSPRNG, drawn through a per-thread
// buffer (a process that forks must exec before making ids).
class RandomIdGenerator final : public IdGenerator {
 public:
  RandomIdGenerator();

  std::string next() override;
};

// True if `text` is 8-4-4-4-12 hex digits (either case), whatever the version and variant.
bool is_uuid(std::string_view text);

}  // namespace fafnir
