#include "server/graphql/schema_builder.h"

#include <set>

#include "server/graphql/builtin_schema.h"
#include "server/graphql/input_values.h"
#include "server/graphql/parser.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {
namespace {

const std::set<std::string_view>& directive_locations() {
  static const std::set<std::string_view> kLocations = {"QUERY",
                                                        "MUTATION",
                                                        "SUBSCRIPTION",
                                                        "FIELD",
                                                        "FRAGMENT_DEFINITION",
                                                        "FRAGMENT_SPREAD",
                                                        "INLINE_FRAGMENT",
                                                        "VARIABLE_DEFINITION",
                                                        "SCHEMA",
                                                        "SCALAR",
                                                        "OBJECT",
                                                        "FIELD_DEFINITION",
                                                        "ARGUMENT_DEFINITION",
                                                        "INTERFACE",
                                                        "UNION",
                                                        "ENUM",
                                                        "ENUM_VALUE",
                                                        "INPUT_OBJECT",
                                                        "INPUT_FIELD_DEFINITION"};
  return kLocations;
}

ScalarKind scalar_kind(std::string_view name) {
  if (name == "Int") return ScalarKind::kInt;
  if (name == "Float") return ScalarKind::kFloat;
  if (name == "String") return ScalarKind::kString;
  if (name == "Boolean") return ScalarKind::kBoolean;
  if (name == "ID") return ScalarKind::kId;
  if (name == "Int64") return ScalarKind::kInt64;
  return ScalarKind::kCustom;
}

TypeKind type_kind(ast::TypeDefinition::Kind kind) {
  switch (kind) {
    case ast::TypeDefinition::Kind::kScalar:
      return TypeKind::kScalar;
    case ast::TypeDefinition::Kind::kObject:
      return TypeKind::kObject;
    case ast::TypeDefinition::Kind::kInterface:
      return TypeKind::kInterface;
    case ast::TypeDefinition::Kind::kUnion:
      return TypeKind::kUnion;
    case ast::TypeDefinition::Kind::kEnum:
      return TypeKind::kEnum;
    case ast::TypeDefinition::Kind::kInputObject:
      return TypeKind::kInputObject;
  }
  return TypeKind::kScalar;
}

Status error_at(SourceLocation location, const std::string& message) {
  return Status::InvalidArgument(std::to_string(location.line) + ":" +
                                 std::to_string(location.column) + ": " + message);
}

bool is_reserved(std::string_view name) { return name.size() >= 2 && name.substr(0, 2) == "__"; }

}  // namespace

Result<std::shared_ptr<const Schema>> SchemaBuilder::build(std::string_view sdl) {
  ParseOptions options;
  options.max_bytes = 0;
  auto builtin = parse_type_system(builtin_sdl(), options);
  if (!builtin.ok()) return Status::Internal("built-in SDL: " + builtin.error().message);
  auto user = parse_type_system(sdl, options);
  if (!user.ok()) return error_at(user.error().location, user.error().message);
  builtin_ = &builtin.value();
  user_ = &user.value();
  schema_.reset(new Schema());
  for (const ast::TypeSystemDocument* document : {builtin_, user_}) {
    for (const ast::TypeDefinition& type : document->types) {
      FAFNIR_RETURN_IF_ERROR(declare(type, document == builtin_));
    }
  }
  for (const ast::TypeSystemDocument* document : {builtin_, user_}) {
    for (const ast::TypeDefinition& type : document->types) FAFNIR_RETURN_IF_ERROR(fill(type));
    for (const ast::DirectiveDefinition& directive : document->directives) {
      FAFNIR_RETURN_IF_ERROR(add_directive(directive, document == builtin_));
    }
  }
  for (int pass = 0; pass < 2; ++pass) {  // the second sees nested input defaults
    for (const PendingDefault& pending : defaults_) {
      std::string error;
      nlohmann::json value;
      if (!coerce_literal(*pending.literal, *pending.value->type, nullptr, &value, &error)) {
        return error_at(pending.literal->location, "Invalid default value: " + error);
      }
      pending.value->default_value = std::move(value);
    }
  }
  FAFNIR_RETURN_IF_ERROR(check_types());
  FAFNIR_RETURN_IF_ERROR(set_roots());
  finish();
  return std::shared_ptr<const Schema>(std::move(schema_));
}

Status SchemaBuilder::declare(const ast::TypeDefinition& definition, bool builtin) {
  if (schema_->types_by_name_.count(definition.name) > 0) {
    return error_at(definition.location,
                    "There can be only one type named \"" + definition.name + "\".");
  }
  if (!builtin && is_reserved(definition.name)) {
    return error_at(definition.location, "Name \"" + definition.name +
                                             "\" must not begin with \"__\", which is reserved "
                                             "by GraphQL introspection.");
  }
  NamedType& type = schema_->type_storage_.emplace_back();
  type.kind = type_kind(definition.kind);
  type.name = definition.name;
  type.description = definition.description;
  if (type.kind == TypeKind::kScalar) type.scalar = scalar_kind(type.name);
  type.ref.named = &type;
  schema_->types_by_name_[type.name] = &type;
  if (!builtin) schema_->listed_types_.push_back(&type);
  return Status::Ok();
}

NamedType& SchemaBuilder::mutable_type(const std::string& name) {
  return const_cast<NamedType&>(*schema_->types_by_name_.at(name));
}

Result<const TypeRef*> SchemaBuilder::resolve(const ast::Type& type) {
  const std::string key = ast::print_type(type);
  const auto found = schema_->interned_refs_.find(key);
  if (found != schema_->interned_refs_.end()) return found->second;
  const TypeRef* ref = nullptr;
  if (type.kind == ast::Type::Kind::kNamed) {
    const NamedType* named = schema_->type(type.name);
    if (named == nullptr) return error_at(type.location, "Unknown type \"" + type.name + "\".");
    ref = &named->ref;
  } else {
    FAFNIR_ASSIGN_OR_RETURN(const TypeRef* inner, resolve(*type.of_type));
    TypeRef& wrapped = schema_->ref_storage_.emplace_back();
    wrapped.kind =
        type.kind == ast::Type::Kind::kList ? TypeRef::Kind::kList : TypeRef::Kind::kNonNull;
    wrapped.named = inner->named;
    wrapped.of_type = inner;
    ref = &wrapped;
  }
  schema_->interned_refs_.emplace(key, ref);
  return ref;
}

// Reads @deprecated among `directives`.
void SchemaBuilder::read_deprecation(const std::vector<ast::Directive>& directives,
                                     bool* deprecated, std::string* reason) {
  for (const ast::Directive& directive : directives) {
    if (directive.name != "deprecated") continue;
    *deprecated = true;
    *reason = "No longer supported";
    for (const ast::Argument& argument : directive.arguments) {
      if (argument.name == "reason" && argument.value.kind == ast::Value::Kind::kString) {
        *reason = argument.value.text;
      }
    }
  }
}

Status SchemaBuilder::check_directives(const std::vector<ast::Directive>& directives) {
  for (const ast::Directive& directive : directives) {
    if (!declared_directive(directive.name)) {
      return error_at(directive.location, "Unknown directive \"@" + directive.name + "\".");
    }
  }
  return Status::Ok();
}

bool SchemaBuilder::declared_directive(const std::string& name) const {
  for (const ast::TypeSystemDocument* document : {builtin_, user_}) {
    for (const ast::DirectiveDefinition& directive : document->directives) {
      if (directive.name == name) return true;
    }
  }
  return false;
}

Status SchemaBuilder::fill_input_values(const std::vector<ast::InputValueDefinition>& definitions,
                                        const std::string& owner, std::vector<InputValue>* values) {
  values->reserve(definitions.size());
  for (const ast::InputValueDefinition& definition : definitions) {
    for (const InputValue& existing : *values) {
      if (existing.name == definition.name) {
        return error_at(definition.location, "\"" + owner +
                                                 "\" has more than one input "
                                                 "value named \"" +
                                                 definition.name + "\".");
      }
    }
    InputValue& value = values->emplace_back();
    value.name = definition.name;
    value.description = definition.description;
    FAFNIR_ASSIGN_OR_RETURN(value.type, resolve(definition.type));
    if (!value.type->named->is_input()) {
      return error_at(definition.type.location, "The type of \"" + owner + "." + definition.name +
                                                    "\" must be an input "
                                                    "type but got: " +
                                                    value.type->to_string() + ".");
    }
    if (definition.default_value) {
      value.default_literal = ast::print_value(*definition.default_value);
      defaults_.push_back({&value, &*definition.default_value});
    }
    FAFNIR_RETURN_IF_ERROR(check_directives(definition.directives));
    read_deprecation(definition.directives, &value.deprecated, &value.deprecation_reason);
  }
  return Status::Ok();
}

Status SchemaBuilder::fill(const ast::TypeDefinition& definition) {
  NamedType& type = mutable_type(definition.name);
  FAFNIR_RETURN_IF_ERROR(check_directives(definition.directives));
  for (const ast::Directive& directive : definition.directives) {
    if (directive.name != "specifiedBy") continue;
    for (const ast::Argument& argument : directive.arguments) {
      if (argument.name == "url") type.specified_by_url = argument.value.text;
    }
  }
  type.fields.reserve(definition.fields.size());
  for (const ast::FieldDefinition& field_definition : definition.fields) {
    if (type.field_index.count(field_definition.name) > 0) {
      return error_at(
          field_definition.location,
          "Field \"" + type.name + "." + field_definition.name + "\" can only be defined once.");
    }
    Field& field = type.fields.emplace_back();
    field.name = field_definition.name;
    field.description = field_definition.description;
    field.parent = &type;
    FAFNIR_ASSIGN_OR_RETURN(field.type, resolve(field_definition.type));
    if (!field.type->named->is_output()) {
      return error_at(field_definition.type.location,
                      "The type of \"" + type.name + "." + field.name +
                          "\" must be an output type but got: " + field.type->to_string() + ".");
    }
    FAFNIR_RETURN_IF_ERROR(fill_input_values(field_definition.arguments,
                                             type.name + "." + field.name, &field.arguments));
    FAFNIR_RETURN_IF_ERROR(check_directives(field_definition.directives));
    read_deprecation(field_definition.directives, &field.deprecated, &field.deprecation_reason);
    type.field_index.emplace(field.name, type.fields.size() - 1);
  }
  FAFNIR_RETURN_IF_ERROR(fill_input_values(definition.input_fields, type.name, &type.input_fields));
  for (const ast::EnumValueDefinition& value_definition : definition.enum_values) {
    if (type.enum_value(value_definition.name) != nullptr) {
      return error_at(value_definition.location, "Enum value \"" + type.name + "." +
                                                     value_definition.name +
                                                     "\" can only be defined once.");
    }
    EnumValue& value = type.enum_values.emplace_back();
    value.name = value_definition.name;
    value.description = value_definition.description;
    FAFNIR_RETURN_IF_ERROR(check_directives(value_definition.directives));
    read_deprecation(value_definition.directives, &value.deprecated, &value.deprecation_reason);
  }
  for (const std::string& name : definition.interfaces) {
    const NamedType* interface = schema_->type(name);
    if (interface == nullptr || interface->kind != TypeKind::kInterface) {
      return error_at(definition.location, "Type " + type.name +
                                               " must only implement "
                                               "Interface types, it cannot implement " +
                                               name + ".");
    }
    type.interfaces.push_back(interface);
  }
  for (const std::string& name : definition.members) {
    const NamedType* member = schema_->type(name);
    if (member == nullptr || member->kind != TypeKind::kObject) {
      return error_at(definition.location, "Union type " + type.name +
                                               " can only include "
                                               "Object types, it cannot include " +
                                               name + ".");
    }
    type.possible_types.push_back(member);
  }
  return Status::Ok();
}

Status SchemaBuilder::add_directive(const ast::DirectiveDefinition& definition, bool builtin) {
  if (schema_->directive(definition.name) != nullptr) {
    return error_at(definition.location,
                    "There can be only one directive named \"@" + definition.name + "\".");
  }
  if (!builtin && is_reserved(definition.name)) {
    return error_at(definition.location, "Name \"" + definition.name + "\" is reserved.");
  }
  Directive& directive = schema_->directives_.emplace_back();
  directive.name = definition.name;
  directive.description = definition.description;
  directive.repeatable = definition.repeatable;
  for (const std::string& location : definition.locations) {
    if (directive_locations().count(location) == 0) {
      return error_at(definition.location, "Unexpected directive location \"" + location + "\".");
    }
    directive.locations.push_back(location);
  }
  return fill_input_values(definition.arguments, "@" + directive.name, &directive.arguments);
}

Result<std::shared_ptr<const Schema>> Schema::build(std::string_view sdl) {
  return SchemaBuilder().build(sdl);
}

}  // namespace fafnir::graphql
