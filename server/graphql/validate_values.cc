#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "server/graphql/scalars.h"
#include "server/graphql/suggestions.h"
#include "server/graphql/validation_context.h"

namespace fafnir::graphql {

ValidationContext::ValidationContext(const Schema& schema, const ast::Document& document,
                                     int max_errors)
    : schema_(schema), document_(document), max_errors_(max_errors) {
  for (const ast::FragmentDefinition& fragment : document.fragments) {
    fragments_.emplace(fragment.name, &fragment);
  }
}

const ast::FragmentDefinition* ValidationContext::fragment(std::string_view name) const {
  const auto found = fragments_.find(name);
  return found == fragments_.end() ? nullptr : found->second;
}

void ValidationContext::report(std::string message, std::vector<SourceLocation> locations) {
  if (full_) return;
  if (static_cast<int>(errors_.size()) >= max_errors_) {
    full_ = true;
    errors_.push_back(
        {"Too many validation errors, error limit reached. Validation aborted.", {}, nullptr, ""});
    return;
  }
  errors_.push_back({std::move(message), std::move(locations), nullptr, ""});
}

std::string ValidationContext::unknown_type(const std::string& name) const {
  std::vector<std::string_view> options;
  for (const NamedType* type : schema_.types()) options.push_back(type->name);
  for (std::string_view scalar : {"Int", "Float", "String", "Boolean", "ID"}) {
    if (std::find(options.begin(), options.end(), scalar) == options.end()) {
      options.push_back(scalar);
    }
  }
  return "Unknown type \"" + name + "\"." + did_you_mean(suggestion_list(name, options));
}

const TypeRef* ValidationContext::resolve(const ast::Type& type) {
  if (type.kind == ast::Type::Kind::kNamed) {
    const NamedType* named = schema_.type(type.name);
    return named == nullptr ? nullptr : &named->ref;
  }
  const TypeRef* inner = resolve(*type.of_type);
  if (inner == nullptr) return nullptr;
  TypeRef& ref = type_arena_.emplace_back();
  ref.kind = type.kind == ast::Type::Kind::kList ? TypeRef::Kind::kList : TypeRef::Kind::kNonNull;
  ref.named = inner->named;
  ref.of_type = inner;
  return &ref;
}

void validate_value(ValidationContext& context, const ast::Value& value, const TypeRef* expected,
                    bool position_has_default) {
  using Kind = ast::Value::Kind;
  if (value.kind == Kind::kVariable) {
    context.scope().usages.push_back({&value, expected, position_has_default});
    return;
  }
  if (expected == nullptr) {  // unknown position: only collect variables
    for (const ast::Value& item : value.list) validate_value(context, item, nullptr, false);
    for (const ast::ObjectField& field : value.fields) {
      validate_value(context, field.value, nullptr, false);
    }
    return;
  }
  auto expected_found = [&](const TypeRef& type) {
    context.report("Expected value of type \"" + type.to_string() + "\", found " +
                       ast::print_value(value) + ".",
                   {value.location});
  };
  if (expected->is_non_null()) {
    if (value.kind == Kind::kNull) return expected_found(*expected);
    return validate_value(context, value, expected->of_type, false);
  }
  if (value.kind == Kind::kNull) return;
  if (expected->is_list()) {
    if (value.kind != Kind::kList) {
      return validate_value(context, value, expected->of_type, false);
    }
    for (const ast::Value& item : value.list) {
      validate_value(context, item, expected->of_type, false);
    }
    return;
  }
  const NamedType& named = *expected->named;
  if (named.kind == TypeKind::kInputObject) {
    if (value.kind != Kind::kObject) return expected_found(*expected);
    std::unordered_map<std::string_view, SourceLocation> seen;
    for (const ast::ObjectField& field : value.fields) {
      const auto [first, inserted] = seen.emplace(field.name, field.location);
      if (!inserted) {
        context.report("There can be only one input field named \"" + field.name + "\".",
                       {first->second, field.location});
        continue;
      }
      const InputValue* definition = named.input_field(field.name);
      if (definition == nullptr) {
        std::vector<std::string_view> options;
        for (const InputValue& known : named.input_fields) options.push_back(known.name);
        context.report("Field \"" + field.name + "\" is not defined by type \"" + named.name +
                           "\"." + did_you_mean(suggestion_list(field.name, options)),
                       {field.location});
        validate_value(context, field.value, nullptr, false);
        continue;
      }
      validate_value(context, field.value, definition->type, definition->default_value.has_value());
    }
    for (const InputValue& definition : named.input_fields) {
      if (definition.type->is_non_null() && !definition.default_value &&
          seen.count(definition.name) == 0) {
        context.report("Field \"" + named.name + "." + definition.name + "\" of required type \"" +
                           definition.type->to_string() + "\" was not provided.",
                       {value.location});
      }
    }
    return;
  }
  if (value.kind == Kind::kList || value.kind == Kind::kObject) {
    validate_value(context, value, nullptr, false);  // records the variables inside
    // Leaf types never take lists or objects, custom scalars excepted.
    if (named.kind == TypeKind::kScalar && named.scalar == ScalarKind::kCustom) return;
    return expected_found(*expected);
  }
  nlohmann::json ignored;
  std::string error;
  const bool ok = named.kind == TypeKind::kEnum
                      ? parse_enum_literal(named, value, &ignored, &error)
                      : parse_scalar_literal(named, value, &ignored, &error);
  if (!ok) context.report(error, {value.location});
}

void validate_arguments(ValidationContext& context, const std::vector<ast::Argument>& arguments,
                        const std::vector<InputValue>& definitions, bool is_directive,
                        const std::string& owner, SourceLocation owner_location) {
  // One error per repeated name, at every occurrence.
  std::vector<std::pair<std::string_view, std::vector<SourceLocation>>> by_name;
  std::unordered_map<std::string_view, std::size_t> group_of;
  for (const ast::Argument& argument : arguments) {
    const auto [group, inserted] = group_of.emplace(argument.name, by_name.size());
    if (inserted) by_name.push_back({argument.name, {}});
    by_name[group->second].second.push_back(argument.location);
  }
  for (auto& [name, locations] : by_name) {
    if (locations.size() > 1) {
      context.report("There can be only one argument named \"" + std::string(name) + "\".",
                     std::move(locations));
    }
  }
  std::unordered_set<std::string_view> seen;
  for (const ast::Argument& argument : arguments) {
    if (!seen.insert(argument.name).second) continue;
    const auto definition =
        std::find_if(definitions.begin(), definitions.end(),
                     [&](const InputValue& candidate) { return candidate.name == argument.name; });
    if (definition == definitions.end()) {
      std::vector<std::string_view> options;
      for (const InputValue& known : definitions) options.push_back(known.name);
      context.report("Unknown argument \"" + argument.name + "\" on " +
                         (is_directive ? "directive \"" : "field \"") + owner + "\"." +
                         did_you_mean(suggestion_list(argument.name, options)),
                     {argument.location});
      validate_value(context, argument.value, nullptr, false);
      continue;
    }
    validate_value(context, argument.value, definition->type,
                   definition->default_value.has_value());
  }
  for (const InputValue& definition : definitions) {
    if (definition.type->is_non_null() && !definition.default_value &&
        seen.count(definition.name) == 0) {
      std::string name = owner;
      if (!is_directive) name = owner.substr(owner.find('.') + 1);
      context.report((is_directive ? "Directive \"" : "Field \"") + name + "\" argument \"" +
                         definition.name + "\" of type \"" + definition.type->to_string() +
                         "\" is required, but it was not provided.",
                     {owner_location});
    }
  }
}

void validate_directives(ValidationContext& context, const std::vector<ast::Directive>& directives,
                         std::string_view location) {
  std::unordered_map<std::string_view, SourceLocation> seen;
  for (const ast::Directive& directive : directives) {
    const Directive* definition = context.schema().directive(directive.name);
    if (definition == nullptr) {
      context.report("Unknown directive \"@" + directive.name + "\".", {directive.location});
      for (const ast::Argument& argument : directive.arguments) {
        validate_value(context, argument.value, nullptr, false);
      }
      continue;
    }
    if (!definition->allowed_at(location)) {
      context.report(
          "Directive \"@" + directive.name + "\" may not be used on " + std::string(location) + ".",
          {directive.location});
    }
    if (!definition->repeatable) {
      const auto [first, inserted] = seen.emplace(directive.name, directive.location);
      if (!inserted) {
        context.report(
            "The directive \"@" + directive.name + "\" can only be used once at this location.",
            {first->second, directive.location});
      }
    }
    validate_arguments(context, directive.arguments, definition->arguments, true,
                       "@" + directive.name, directive.location);
  }
}

}  // namespace fafnir::graphql
