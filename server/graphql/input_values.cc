#include "server/graphql/input_values.h"

#include "server/graphql/scalars.h"
#include "server/graphql/suggestions.h"

namespace fafnir::graphql {
namespace {

using Json = nlohmann::json;

bool is_missing_variable(const ast::Value& literal, const Json* variables) {
  return literal.kind == ast::Value::Kind::kVariable &&
         (variables == nullptr || !variables->contains(literal.text));
}

// Input objects may be recursive, so nesting is bounded to keep the recursion bounded.
constexpr int kMaxInputDepth = 200;

bool coerce_input_impl(const Json& input, const TypeRef& type, int depth, std::string* path,
                       Json* out, std::vector<InputError>* errors) {
  auto report = [&](const Json& value, std::string message) {
    errors->push_back({*path, value, std::move(message)});
    return false;
  };
  if (depth > kMaxInputDepth) return report(input, "Input value is nested too deeply.");
  if (type.is_non_null()) {
    if (input.is_null()) {
      return report(input,
                    "Expected non-nullable type \"" + type.to_string() + "\" not to be null.");
    }
    return coerce_input_impl(input, *type.of_type, depth, path, out, errors);
  }
  if (input.is_null()) {
    *out = nullptr;
    return true;
  }
  if (type.is_list()) {
    if (!input.is_array()) {
      Json item;
      if (!coerce_input_impl(input, *type.of_type, depth + 1, path, &item, errors)) return false;
      *out = Json::array({std::move(item)});
      return true;
    }
    *out = Json::array();
    bool ok = true;
    for (std::size_t i = 0; i < input.size(); ++i) {
      const std::size_t length = path->size();
      path->append("[").append(std::to_string(i)).append("]");
      Json item;
      ok = coerce_input_impl(input[i], *type.of_type, depth + 1, path, &item, errors) && ok;
      path->resize(length);
      out->push_back(std::move(item));
    }
    return ok;
  }
  const NamedType& named = *type.named;
  std::string message;
  switch (named.kind) {
    case TypeKind::kScalar:
      if (!parse_scalar_value(named, input, out, &message)) return report(input, message);
      return true;
    case TypeKind::kEnum:
      if (!parse_enum_value(named, input, out, &message)) return report(input, message);
      return true;
    case TypeKind::kInputObject:
      break;
    default:
      return report(input, "Expected an input type, found \"" + named.name + "\".");
  }
  if (!input.is_object()) {
    return report(input, "Expected type \"" + named.name + "\" to be an object.");
  }
  bool ok = true;
  *out = Json::object();
  for (const InputValue& field : named.input_fields) {
    const auto found = input.find(field.name);
    if (found == input.end()) {
      if (field.default_value) {
        (*out)[field.name] = *field.default_value;
      } else if (field.type->is_non_null()) {
        ok = report(input, "Field \"" + field.name + "\" of required type \"" +
                               field.type->to_string() + "\" was not provided.");
      }
      continue;
    }
    const std::size_t length = path->size();
    path->append("." + field.name);
    Json value;
    ok = coerce_input_impl(*found, *field.type, depth + 1, path, &value, errors) && ok;
    path->resize(length);
    (*out)[field.name] = std::move(value);
  }
  for (const auto& [key, value] : input.items()) {
    if (named.input_field(key) == nullptr) {
      std::vector<std::string_view> options;
      for (const InputValue& field : named.input_fields) options.push_back(field.name);
      ok = report(input, "Field \"" + key + "\" is not defined by type \"" + named.name + "\"." +
                             did_you_mean(suggestion_list(key, options)));
    }
  }
  return ok;
}

}  // namespace

bool coerce_literal(const ast::Value& literal, const TypeRef& type, const Json* variables,
                    Json* out, std::string* error) {
  if (literal.kind == ast::Value::Kind::kVariable) {
    if (is_missing_variable(literal, variables)) {
      *error = "Variable \"$" + literal.text + "\" was not provided.";
      return false;
    }
    const Json& value = variables->at(literal.text);
    if (value.is_null() && type.is_non_null()) {
      *error = "Variable \"$" + literal.text + "\" of non-null type \"" + type.to_string() +
               "\" must not be null.";
      return false;
    }
    *out = value;
    return true;
  }
  if (type.is_non_null()) {
    if (literal.kind == ast::Value::Kind::kNull) {
      *error = "Expected value of type \"" + type.to_string() + "\", found null.";
      return false;
    }
    return coerce_literal(literal, *type.of_type, variables, out, error);
  }
  if (literal.kind == ast::Value::Kind::kNull) {
    *out = nullptr;
    return true;
  }
  if (type.is_list()) {
    const TypeRef& item_type = *type.of_type;
    if (literal.kind != ast::Value::Kind::kList) {
      Json item;
      if (!coerce_literal(literal, item_type, variables, &item, error)) return false;
      *out = Json::array({std::move(item)});
      return true;
    }
    *out = Json::array();
    for (const ast::Value& item_literal : literal.list) {
      Json item;
      if (is_missing_variable(item_literal, variables)) {
        if (item_type.is_non_null()) {
          *error = "Variable \"$" + item_literal.text + "\" was not provided.";
          return false;
        }
      } else if (!coerce_literal(item_literal, item_type, variables, &item, error)) {
        return false;
      }
      out->push_back(std::move(item));
    }
    return true;
  }
  const NamedType& named = *type.named;
  if (named.kind == TypeKind::kScalar) return parse_scalar_literal(named, literal, out, error);
  if (named.kind == TypeKind::kEnum) return parse_enum_literal(named, literal, out, error);
  if (named.kind != TypeKind::kInputObject) {
    *error = "Expected an input type, found \"" + named.name + "\".";
    return false;
  }
  if (literal.kind != ast::Value::Kind::kObject) {
    *error =
        "Expected value of type \"" + named.name + "\", found " + ast::print_value(literal) + ".";
    return false;
  }
  *out = Json::object();
  for (const InputValue& field : named.input_fields) {
    const ast::ObjectField* given = nullptr;
    for (const ast::ObjectField& candidate : literal.fields) {
      if (candidate.name == field.name) given = &candidate;
    }
    if (given == nullptr || is_missing_variable(given->value, variables)) {
      if (field.default_value) {
        (*out)[field.name] = *field.default_value;
      } else if (field.type->is_non_null()) {
        *error = "Field \"" + named.name + "." + field.name + "\" of required type \"" +
                 field.type->to_string() + "\" was not provided.";
        return false;
      }
      continue;
    }
    Json value;
    if (!coerce_literal(given->value, *field.type, variables, &value, error)) return false;
    (*out)[field.name] = std::move(value);
  }
  for (const ast::ObjectField& given : literal.fields) {
    if (named.input_field(given.name) == nullptr) {
      *error = "Field \"" + given.name + "\" is not defined by type \"" + named.name + "\".";
      return false;
    }
  }
  return true;
}

bool coerce_input_value(const Json& input, const TypeRef& type, Json* out,
                        std::vector<InputError>* errors) {
  std::string path;
  return coerce_input_impl(input, type, 0, &path, out, errors);
}

}  // namespace fafnir::graphql
