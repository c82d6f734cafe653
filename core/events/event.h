#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/common/timestamp.h"

namespace fafnir {

// The decoded form of a message, carried beside the event by the service that published it, so
// that a consumer in the same process reads it without a round trip through JSON. Immutable.
class EventBody {
 public:
  virtual ~EventBody() = default;
  virtual std::string to_json() const = 0;
};

// One message on the event stream. `id` is globally unique and is the de-duplication key:
// publishing the same id twice stores and delivers it once.
// A message has a JSON text, a body, or both: stores that write it out use json(); decoders
// use the body when it is of their type and parse the text otherwise.
struct Event {
  std::string id;
  std::string subject;  // dot-separated tokens, e.g. "users.registered"
  std::string payload;  // JSON object text; empty when only `body` carries the message
  Timestamp occurred_at;
  std::shared_ptr<const EventBody> body = nullptr;

  // The JSON object text: `payload`, or `body` written out when `payload` is empty.
  std::string json() const { return payload.empty() && body ? body->to_json() : payload; }
};

namespace subjects {
inline constexpr std::string_view kUsersRegistered = "users.registered";
inline constexpr std::string_view kUsersDeleted = "users.deleted";
}  // namespace subjects

// NATS-style subject filter: tokens separated by '.', '*' matches one token, a final '>' matches
// one or more tokens. "users.>" matches "users.registered"; "users.*" does not match "users.a.b".
bool subject_matches(std::string_view filter, std::string_view subject);

}  // namespace fafnir
