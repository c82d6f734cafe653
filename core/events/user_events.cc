#include "core/events/user_events.h"

#include <nlohmann/json.hpp>

namespace fafnir {
namespace {

using nlohmann::json;

Result<json> parse_payload(const Event& event, std::string_view expected_subject) {
  if (event.subject != expected_subject) {
    return Status::InvalidArgument("expected a " + std::string(expected_subject) + " event, got " +
                                   event.subject);
  }
  json payload = json::parse(event.payload, nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object()) {
    return Status::InvalidArgument(event.subject + " payload is not a JSON object");
  }
  return payload;
}

Result<std::string> required_string(const json& payload, const char* field) {
  auto it = payload.find(field);
  if (it == payload.end() || !it->is_string() || it->get<std::string>().empty()) {
    return Status::InvalidArgument(std::string("event payload lacks string field '") + field + "'");
  }
  return it->get<std::string>();
}

Result<Timestamp> required_time(const json& payload, const char* field) {
  FAFNIR_ASSIGN_OR_RETURN(std::string text, required_string(payload, field));
  return parse_rfc3339(text);
}

}  // namespace

Event UserRegistered::to_event(std::string event_id) const {
  json payload = {{"userId", user_id},
                  {"email", email},
                  {"firstName", first_name},
                  {"lastName", last_name},
                  {"registeredAt", format_rfc3339(registered_at)}};
  return Event{std::move(event_id), std::string(subjects::kUsersRegistered), payload.dump(),
               registered_at};
}

Result<UserRegistered> UserRegistered::from_event(const Event& event) {
  FAFNIR_ASSIGN_OR_RETURN(json payload, parse_payload(event, subjects::kUsersRegistered));
  UserRegistered message;
  FAFNIR_ASSIGN_OR_RETURN(message.user_id, required_string(payload, "userId"));
  FAFNIR_ASSIGN_OR_RETURN(message.email, required_string(payload, "email"));
  FAFNIR_ASSIGN_OR_RETURN(message.first_name, required_string(payload, "firstName"));
  FAFNIR_ASSIGN_OR_RETURN(message.last_name, required_string(payload, "lastName"));
  FAFNIR_ASSIGN_OR_RETURN(message.registered_at, required_time(payload, "registeredAt"));
  return message;
}

Event UserDeleted::to_event(std::string event_id) const {
  json payload = {{"userId", user_id}, {"deletedAt", format_rfc3339(deleted_at)}};
  return Event{std::move(event_id), std::string(subjects::kUsersDeleted), payload.dump(),
               deleted_at};
}

Result<UserDeleted> UserDeleted::from_event(const Event& event) {
  FAFNIR_ASSIGN_OR_RETURN(json payload, parse_payload(event, subjects::kUsersDeleted));
  UserDeleted message;
  FAFNIR_ASSIGN_OR_RETURN(message.user_id, required_string(payload, "userId"));
  FAFNIR_ASSIGN_OR_RETURN(message.deleted_at, required_time(payload, "deletedAt"));
  return message;
}

}  // namespace fafnir
