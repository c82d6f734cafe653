#include "scenario/json_fields.h"

#include <limits>

namespace fafnir {
namespace {

constexpr std::size_t kMaxShownText = 40;

}  // namespace

Result<JsonFields> JsonFields::of(const nlohmann::json& value, std::string where) {
  if (!value.is_object()) {
    return Status::InvalidArgument(where + ": expected an object, got " + describe(value));
  }
  return JsonFields(value, std::move(where));
}

std::string JsonFields::describe(const nlohmann::json& value) {
  if (value.is_string()) {
    std::string text = value.get<std::string>();
    if (text.size() > kMaxShownText) text = text.substr(0, kMaxShownText) + "...";
    return "string \"" + text + "\"";
  }
  if (value.is_number() || value.is_boolean()) {
    return std::string(value.is_number() ? "number " : "boolean ") + value.dump();
  }
  return value.type_name();
}

Status JsonFields::error(std::string_view key, std::string_view reason) const {
  return Status::InvalidArgument(where_ + ", field \"" + std::string(key) +
                                 "\": " + std::string(reason));
}

Status JsonFields::missing(std::string_view key) const {
  return Status::InvalidArgument(where_ + ": missing field \"" + std::string(key) + "\"");
}

Status JsonFields::wrong_type(std::string_view key, std::string_view wanted,
                              const nlohmann::json& got) const {
  return error(key, "expected " + std::string(wanted) + ", got " + describe(got));
}

const nlohmann::json* JsonFields::find(std::string_view key) {
  auto found = object_->find(key);
  if (found == object_->end()) return nullptr;
  read_.emplace(key);
  return &*found;
}

Result<std::string> JsonFields::text(std::string_view key) {
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> value, optional_text(key));
  if (!value) return missing(key);
  return *value;
}

Result<std::optional<std::string>> JsonFields::optional_text(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) return wrong_type(key, "a string", *value);
  return std::optional<std::string>(value->get<std::string>());
}

Result<std::optional<bool>> JsonFields::optional_flag(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::optional<bool>();
  if (!value->is_boolean()) return wrong_type(key, "true or false", *value);
  return std::optional<bool>(value->get<bool>());
}

Result<std::optional<std::int64_t>> JsonFields::optional_count(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::optional<std::int64_t>();
  if (!value->is_number_integer() || value->get<std::int64_t>() < 0) {
    return wrong_type(key, "a whole number >= 0", *value);
  }
  return std::optional<std::int64_t>(value->get<std::int64_t>());
}

Result<std::optional<std::uint64_t>> JsonFields::optional_unsigned(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::optional<std::uint64_t>();
  if (value->is_number_unsigned()) return std::optional<std::uint64_t>(value->get<std::uint64_t>());
  return wrong_type(key, "a whole number >= 0", *value);
}

Result<std::optional<std::int64_t>> JsonFields::optional_micros(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::optional<std::int64_t>();
  if (value->is_string()) {
    Result<std::int64_t> micros = parse_micros(value->get<std::string>());
    if (!micros.ok()) return error(key, "bad decimal: " + micros.status().message());
    return std::optional<std::int64_t>(*micros);
  }
  if (value->is_number_integer()) {
    std::int64_t whole = value->get<std::int64_t>();
    std::int64_t micros = 0;
    if (value->is_number_unsigned() &&
        value->get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return error(key, "bad decimal: " + value->dump() + " is too large");
    }
    if (__builtin_mul_overflow(whole, kMicrosPerUnit, &micros)) {
      return error(key, "bad decimal: " + value->dump() + " is too large");
    }
    return std::optional<std::int64_t>(micros);
  }
  return wrong_type(key, "a decimal string such as \"94.50\" (or a whole number)", *value);
}

Result<std::vector<const nlohmann::json*>> JsonFields::objects(std::string_view key) {
  std::vector<const nlohmann::json*> found;
  const nlohmann::json* value = find(key);
  if (value == nullptr) return found;
  if (value->is_object()) {
    found.push_back(value);
    return found;
  }
  if (!value->is_array()) return wrong_type(key, "an object or an array of objects", *value);
  for (const nlohmann::json& item : *value) {
    if (!item.is_object()) return wrong_type(key, "an array of objects, one item is", item);
    found.push_back(&item);
  }
  return found;
}

Result<std::vector<const nlohmann::json*>> JsonFields::array(std::string_view key) {
  std::vector<const nlohmann::json*> found;
  const nlohmann::json* value = find(key);
  if (value == nullptr) return found;
  if (!value->is_array()) return wrong_type(key, "an array", *value);
  for (const nlohmann::json& item : *value) found.push_back(&item);
  return found;
}

Status JsonFields::finish() const {
  for (const auto& [key, value] : object_->items()) {
    if (read_.count(key) == 0) {
      return Status::InvalidArgument(where_ + ": unknown field \"" + key + "\"");
    }
  }
  return Status::Ok();
}

}  // namespace fafnir
