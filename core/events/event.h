#pragma once

#include <string>
#include <string_view>

#include "core/common/timestamp.h"

namespace fafnir {

// One message on the event stream. `id` is globally unique and is the de-duplication key:
// publishing the same id twice stores and delivers it once.
struct Event {
  std::string id;
  std::string subject;  // dot-separated tokens, e.g. "users.registered"
  std::string payload;  // JSON object text
  Timestamp occurred_at;
};

namespace subjects {
inline constexpr std::string_view kUsersRegistered = "users.registered";
inline constexpr std::string_view kUsersDeleted = "users.deleted";
}  // namespace subjects

// NATS-style subject filter: tokens separated by '.', '*' matches one token, a final '>' matches
// one or more tokens. "users.>" matches "users.registered"; "users.*" does not match "users.a.b".
bool subject_matches(std::string_view filter, std::string_view subject);

}  // namespace fafnir
