#include "server/graphql/scalars.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/common/json_writer.h"
#include "server/graphql/suggestions.h"

namespace fafnir::graphql {
namespace {

using Json = nlohmann::json;

constexpr double kTwoTo63 = 9223372036854775808.0;

bool parse_int64_text(std::string_view text, std::int64_t* value) {
  if (!text.empty() && text.front() == '+') return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), *value);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

// An integral JSON number as int64; false for anything else or out of range.
bool json_to_int64(const Json& value, std::int64_t* out) {
  if (value.is_number_integer() && !value.is_number_unsigned()) {
    *out = value.get<std::int64_t>();
    return true;
  }
  if (value.is_number_unsigned()) {
    const std::uint64_t number = value.get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return false;
    }
    *out = static_cast<std::int64_t>(number);
    return true;
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (!std::isfinite(number) || std::trunc(number) != number || number < -kTwoTo63 ||
        number >= kTwoTo63) {
      return false;
    }
    *out = static_cast<std::int64_t>(number);
    return true;
  }
  return false;
}

bool fits_int32(std::int64_t value) {
  return value >= std::numeric_limits<std::int32_t>::min() &&
         value <= std::numeric_limits<std::int32_t>::max();
}

bool fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

// " Did you mean the enum value ...?" for `text`, or "".
std::string enum_suggestion(const NamedType& type, std::string_view text) {
  std::vector<std::string_view> options;
  for (const EnumValue& value : type.enum_values) options.push_back(value.name);
  return did_you_mean(suggestion_list(text, options), "the enum value");
}

bool is_integral_json(const Json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  const double number = value.get<double>();
  return std::isfinite(number) && std::trunc(number) == number;
}

}  // namespace

std::string inspect(const Json& value) {
  std::string out;
  append_json(value, &out);
  return out;
}

Json literal_to_json(const ast::Value& literal) {
  switch (literal.kind) {
    case ast::Value::Kind::kInt: {
      std::int64_t number = 0;
      if (parse_int64_text(literal.text, &number)) return number;
      return std::strtod(literal.text.c_str(), nullptr);
    }
    case ast::Value::Kind::kFloat:
      return std::strtod(literal.text.c_str(), nullptr);
    case ast::Value::Kind::kString:
    case ast::Value::Kind::kEnum:
      return literal.text;
    case ast::Value::Kind::kBoolean:
      return literal.boolean;
    case ast::Value::Kind::kList: {
      Json list = Json::array();
      for (const ast::Value& item : literal.list) list.push_back(literal_to_json(item));
      return list;
    }
    case ast::Value::Kind::kObject: {
      Json object = Json::object();
      for (const ast::ObjectField& field : literal.fields) {
        object[field.name] = literal_to_json(field.value);
      }
      return object;
    }
    case ast::Value::Kind::kNull:
    case ast::Value::Kind::kVariable:
      return nullptr;
  }
  return nullptr;
}

bool parse_scalar_literal(const NamedType& scalar, const ast::Value& literal, Json* out,
                          std::string* error) {
  using Kind = ast::Value::Kind;
  switch (scalar.scalar) {
    case ScalarKind::kInt:
    case ScalarKind::kInt64: {
      const bool is_int = scalar.scalar == ScalarKind::kInt;
      if (literal.kind != Kind::kInt) {
        return fail(error, scalar.name +
                               " cannot represent non-integer value: " + ast::print_value(literal));
      }
      std::int64_t number = 0;
      if (!parse_int64_text(literal.text, &number) || (is_int && !fits_int32(number))) {
        return fail(error, scalar.name + " cannot represent non " + (is_int ? "32" : "64") +
                               "-bit signed integer value: " + literal.text);
      }
      *out = number;
      return true;
    }
    case ScalarKind::kFloat:
      if (literal.kind != Kind::kInt && literal.kind != Kind::kFloat) {
        return fail(error,
                    "Float cannot represent non numeric value: " + ast::print_value(literal));
      } else {
        const double number = std::strtod(literal.text.c_str(), nullptr);
        if (!std::isfinite(number)) {
          return fail(error, "Float cannot represent non numeric value: " + literal.text);
        }
        *out = number;
        return true;
      }
    case ScalarKind::kString:
      if (literal.kind != Kind::kString) {
        return fail(error,
                    "String cannot represent a non string value: " + ast::print_value(literal));
      }
      *out = literal.text;
      return true;
    case ScalarKind::kBoolean:
      if (literal.kind != Kind::kBoolean) {
        return fail(error,
                    "Boolean cannot represent a non boolean value: " + ast::print_value(literal));
      }
      *out = literal.boolean;
      return true;
    case ScalarKind::kId:
      if (literal.kind != Kind::kString && literal.kind != Kind::kInt) {
        return fail(error, "ID cannot represent a non-string and non-integer value: " +
                               ast::print_value(literal));
      }
      *out = literal.text;
      return true;
    case ScalarKind::kCustom:
      *out = literal_to_json(literal);
      return true;
  }
  return fail(error, "unknown scalar");
}

bool parse_scalar_value(const NamedType& scalar, const Json& input, Json* out, std::string* error) {
  switch (scalar.scalar) {
    case ScalarKind::kInt: {
      std::int64_t number = 0;
      if (!is_integral_json(input)) {
        return fail(error, "Int cannot represent non-integer value: " + inspect(input));
      }
      if (!json_to_int64(input, &number) || !fits_int32(number)) {
        return fail(error,
                    "Int cannot represent non 32-bit signed integer value: " + inspect(input));
      }
      *out = number;
      return true;
    }
    case ScalarKind::kInt64: {
      std::int64_t number = 0;
      if (input.is_string()) {
        if (!parse_int64_text(input.get_ref<const std::string&>(), &number)) {
          return fail(error, "Int64 cannot represent non-integer value: " + inspect(input));
        }
        *out = number;
        return true;
      }
      if (!is_integral_json(input)) {
        return fail(error, "Int64 cannot represent non-integer value: " + inspect(input));
      }
      if (!json_to_int64(input, &number)) {
        return fail(error,
                    "Int64 cannot represent non 64-bit signed integer value: " + inspect(input));
      }
      *out = number;
      return true;
    }
    case ScalarKind::kFloat:
      if (!input.is_number()) {
        return fail(error, "Float cannot represent non numeric value: " + inspect(input));
      }
      *out = input.get<double>();
      return true;
    case ScalarKind::kString:
      if (!input.is_string()) {
        return fail(error, "String cannot represent a non string value: " + inspect(input));
      }
      *out = input;
      return true;
    case ScalarKind::kBoolean:
      if (!input.is_boolean()) {
        return fail(error, "Boolean cannot represent a non boolean value: " + inspect(input));
      }
      *out = input;
      return true;
    case ScalarKind::kId: {
      std::int64_t number = 0;
      if (input.is_string()) {
        *out = input;
        return true;
      }
      if (is_integral_json(input) && json_to_int64(input, &number)) {
        *out = std::to_string(number);
        return true;
      }
      return fail(error, "ID cannot represent value: " + inspect(input));
    }
    case ScalarKind::kCustom:
      *out = input;
      return true;
  }
  return fail(error, "unknown scalar");
}

bool serialize_scalar(const NamedType& scalar, const Json& value, std::string* out,
                      std::string* error) {
  switch (scalar.scalar) {
    case ScalarKind::kInt:
    case ScalarKind::kInt64: {
      const bool is_int = scalar.scalar == ScalarKind::kInt;
      std::int64_t number = 0;
      if (value.is_boolean()) {
        number = value.get<bool>() ? 1 : 0;
      } else if (value.is_string() && !is_int &&
                 parse_int64_text(value.get_ref<const std::string&>(), &number)) {
        // Int64 held as text by the resolver.
      } else if (!is_integral_json(value)) {
        return fail(error, scalar.name + " cannot represent non-integer value: " + inspect(value));
      } else if (!json_to_int64(value, &number) || (is_int && !fits_int32(number))) {
        return fail(error, scalar.name + " cannot represent non " + (is_int ? "32" : "64") +
                               "-bit signed integer value: " + inspect(value));
      }
      append_json_int(number, out);
      return true;
    }
    case ScalarKind::kFloat:
      if (value.is_boolean()) {
        out->push_back(value.get<bool>() ? '1' : '0');
        return true;
      }
      if (value.is_number_integer()) {
        append_json(value, out);
        return true;
      }
      if (value.is_number_float() && std::isfinite(value.get<double>())) {
        append_json_double(value.get<double>(), out);
        return true;
      }
      return fail(error, "Float cannot represent non numeric value: " + inspect(value));
    case ScalarKind::kString:
      if (value.is_string()) {
        append_json_string(value.get_ref<const std::string&>(), out);
        return true;
      }
      if (value.is_boolean() || value.is_number()) {
        append_json_string(
            value.is_boolean() ? (value.get<bool>() ? "true" : "false") : inspect(value), out);
        return true;
      }
      return fail(error, "String cannot represent value: " + inspect(value));
    case ScalarKind::kBoolean:
      if (value.is_boolean()) {
        out->append(value.get<bool>() ? "true" : "false");
        return true;
      }
      if (value.is_number() && std::isfinite(value.get<double>())) {
        out->append(value.get<double>() != 0 ? "true" : "false");
        return true;
      }
      return fail(error, "Boolean cannot represent a non boolean value: " + inspect(value));
    case ScalarKind::kId: {
      std::int64_t number = 0;
      if (value.is_string()) {
        append_json_string(value.get_ref<const std::string&>(), out);
        return true;
      }
      if (is_integral_json(value) && json_to_int64(value, &number)) {
        append_json_string(std::to_string(number), out);
        return true;
      }
      return fail(error, "ID cannot represent value: " + inspect(value));
    }
    case ScalarKind::kCustom:
      append_json(value, out);
      return true;
  }
  return fail(error, "unknown scalar");
}

bool parse_enum_literal(const NamedType& type, const ast::Value& literal, Json* out,
                        std::string* error) {
  if (literal.kind != ast::Value::Kind::kEnum) {
    const std::string printed = ast::print_value(literal);
    return fail(error, "Enum \"" + type.name + "\" cannot represent non-enum value: " + printed +
                           "." + enum_suggestion(type, printed));
  }
  if (type.enum_value(literal.text) == nullptr) {
    return fail(error, "Value \"" + literal.text + "\" does not exist in \"" + type.name +
                           "\" enum." + enum_suggestion(type, literal.text));
  }
  *out = literal.text;
  return true;
}

bool parse_enum_value(const NamedType& type, const Json& input, Json* out, std::string* error) {
  if (!input.is_string()) {
    return fail(error, "Enum \"" + type.name +
                           "\" cannot represent non-string value: " + inspect(input) + ".");
  }
  const std::string& text = input.get_ref<const std::string&>();
  if (type.enum_value(text) == nullptr) {
    return fail(error, "Value " + inspect(input) + " does not exist in \"" + type.name +
                           "\" enum." + enum_suggestion(type, text));
  }
  *out = input;
  return true;
}

bool serialize_enum(const NamedType& type, const Json& value, std::string* out,
                    std::string* error) {
  if (value.is_string() && type.enum_value(value.get_ref<const std::string&>()) != nullptr) {
    append_json_string(value.get_ref<const std::string&>(), out);
    return true;
  }
  return fail(error, "Enum \"" + type.name + "\" cannot represent value: " + inspect(value));
}

}  // namespace fafnir::graphql
