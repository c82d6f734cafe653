#include <set>
#include <unordered_set>

#include "server/graphql/builtin_schema.h"
#include "server/graphql/input_values.h"
#include "server/graphql/parser.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {
namespace {

const std::set<std::string_view>& directive_locations() {
  static const std::set<std::string_view> kLocations = {
      "QUERY",     "MUTATION",          "SUBSCRIPTION",        "FIELD",
      "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION",
      "SCHEMA",    "SCALAR",            "OBJECT",              "FIELD_DEFINITION",
      "ARGUMENT_DEFINITION", "INTERFACE", "UNION",             "ENUM",
      "ENUM_VALUE", "INPUT_OBJECT",     "INPUT_FIELD_DEFINITION"};
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
    case ast::TypeDefinition::Kind::kScalar: return TypeKind::kScalar;
    case ast::TypeDefinition::Kind::kObject: return TypeKind::kObject;
    case ast::TypeDefinition::Kind::kInterface: return TypeKind::kInterface;
    case ast::TypeDefinition::Kind::kUnion: return TypeKind::kUnion;
    case ast::TypeDefinition::Kind::kEnum: return TypeKind::kEnum;
    case ast::TypeDefinition::Kind::kInputObject: return TypeKind::kInputObject;
  }
  return TypeKind::kScalar;
}

Status error_at(SourceLocation location, const std::string& message) {
  return Status::InvalidArgument(std::to_string(location.line) + ":" +
                                 std::to_string(location.column) + ": " + message);
}

bool is_reserved(std::string_view name) { return name.size() >= 2 && name.substr(0, 2) == "__"; }

}  // namespace

// Builds a Schema from the built-in SDL and the user's SDL in passes: declare the named types,
// fill in their members, resolve directives, defaults and deprecations, then check the rules
// that span types (interfaces, unions, root types).
class SchemaBuilder {
 public:
  Result<std::shared_ptr<const Schema>> build(std::string_view sdl) {
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

 private:
  struct PendingDefault {
    InputValue* value;
    const ast::Value* literal;
  };

  Status declare(const ast::TypeDefinition& definition, bool builtin) {
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

  NamedType& mutable_type(const std::string& name) {
    return const_cast<NamedType&>(*schema_->types_by_name_.at(name));
  }

  Result<const TypeRef*> resolve(const ast::Type& type) {
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
      wrapped.kind = type.kind == ast::Type::Kind::kList ? TypeRef::Kind::kList
                                                         : TypeRef::Kind::kNonNull;
      wrapped.named = inner->named;
      wrapped.of_type = inner;
      ref = &wrapped;
    }
    schema_->interned_refs_.emplace(key, ref);
    return ref;
  }

  // Reads @deprecated among `directives`.
  void read_deprecation(const std::vector<ast::Directive>& directives, bool* deprecated,
                        std::string* reason) {
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

  Status check_directives(const std::vector<ast::Directive>& directives) {
    for (const ast::Directive& directive : directives) {
      if (!declared_directive(directive.name)) {
        return error_at(directive.location, "Unknown directive \"@" + directive.name + "\".");
      }
    }
    return Status::Ok();
  }

  bool declared_directive(const std::string& name) const {
    for (const ast::TypeSystemDocument* document : {builtin_, user_}) {
      for (const ast::DirectiveDefinition& directive : document->directives) {
        if (directive.name == name) return true;
      }
    }
    return false;
  }

  Status fill_input_values(const std::vector<ast::InputValueDefinition>& definitions,
                           const std::string& owner, std::vector<InputValue>* values) {
    values->reserve(definitions.size());
    for (const ast::InputValueDefinition& definition : definitions) {
      for (const InputValue& existing : *values) {
        if (existing.name == definition.name) {
          return error_at(definition.location, "\"" + owner + "\" has more than one input "
                                               "value named \"" + definition.name + "\".");
        }
      }
      InputValue& value = values->emplace_back();
      value.name = definition.name;
      value.description = definition.description;
      FAFNIR_ASSIGN_OR_RETURN(value.type, resolve(definition.type));
      if (!value.type->named->is_input()) {
        return error_at(definition.type.location, "The type of \"" + owner + "." +
                                                      definition.name + "\" must be an input "
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

  Status fill(const ast::TypeDefinition& definition) {
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
        return error_at(field_definition.location, "Field \"" + type.name + "." +
                                                       field_definition.name +
                                                       "\" can only be defined once.");
      }
      Field& field = type.fields.emplace_back();
      field.name = field_definition.name;
      field.description = field_definition.description;
      field.parent = &type;
      FAFNIR_ASSIGN_OR_RETURN(field.type, resolve(field_definition.type));
      if (!field.type->named->is_output()) {
        return error_at(field_definition.type.location,
                        "The type of \"" + type.name + "." + field.name +
                            "\" must be an output type but got: " + field.type->to_string() +
                            ".");
      }
      FAFNIR_RETURN_IF_ERROR(fill_input_values(field_definition.arguments,
                                               type.name + "." + field.name, &field.arguments));
      FAFNIR_RETURN_IF_ERROR(check_directives(field_definition.directives));
      read_deprecation(field_definition.directives, &field.deprecated, &field.deprecation_reason);
      type.field_index.emplace(field.name, type.fields.size() - 1);
    }
    FAFNIR_RETURN_IF_ERROR(fill_input_values(definition.input_fields, type.name,
                                             &type.input_fields));
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
        return error_at(definition.location, "Type " + type.name + " must only implement "
                                             "Interface types, it cannot implement " + name + ".");
      }
      type.interfaces.push_back(interface);
    }
    for (const std::string& name : definition.members) {
      const NamedType* member = schema_->type(name);
      if (member == nullptr || member->kind != TypeKind::kObject) {
        return error_at(definition.location, "Union type " + type.name + " can only include "
                                             "Object types, it cannot include " + name + ".");
      }
      type.possible_types.push_back(member);
    }
    return Status::Ok();
  }

  Status add_directive(const ast::DirectiveDefinition& definition, bool builtin) {
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
        return error_at(definition.location, "Unexpected directive location \"" + location +
                                                 "\".");
      }
      directive.locations.push_back(location);
    }
    return fill_input_values(definition.arguments, "@" + directive.name, &directive.arguments);
  }

  Status check_types() {
    for (const ast::TypeSystemDocument* document : {builtin_, user_}) {
      for (const ast::TypeDefinition& definition : document->types) {
        NamedType& type = mutable_type(definition.name);
        const bool needs_members = type.kind == TypeKind::kObject ||
                                   type.kind == TypeKind::kInterface ||
                                   type.kind == TypeKind::kInputObject ||
                                   type.kind == TypeKind::kEnum ||
                                   type.kind == TypeKind::kUnion;
        if (needs_members && type.fields.empty() && type.input_fields.empty() &&
            type.enum_values.empty() && type.possible_types.empty()) {
          return error_at(definition.location,
                          "Type " + type.name + " must define one or more members.");
        }
        for (const NamedType* interface : type.interfaces) {
          FAFNIR_RETURN_IF_ERROR(check_implements(definition, type, *interface));
          if (type.kind == TypeKind::kObject) {
            const_cast<NamedType*>(interface)->possible_types.push_back(&type);
          }
        }
      }
    }
    return Status::Ok();
  }

  Status check_implements(const ast::TypeDefinition& definition, const NamedType& type,
                          const NamedType& interface) {
    for (const Field& expected : interface.fields) {
      const Field* field = type.field(expected.name);
      if (field == nullptr) {
        return error_at(definition.location, "Interface field " + interface.name + "." +
                                                 expected.name + " expected but " + type.name +
                                                 " does not provide it.");
      }
      if (!Schema::is_subtype(*field->type, *expected.type)) {
        return error_at(definition.location,
                        "Interface field " + interface.name + "." + expected.name +
                            " expects type " + expected.type->to_string() + " but " +
                            type.name + "." + field->name + " is type " +
                            field->type->to_string() + ".");
      }
      for (const InputValue& argument : expected.arguments) {
        const InputValue* given = field->argument(argument.name);
        if (given == nullptr || !same_type(*given->type, *argument.type)) {
          return error_at(definition.location,
                          "Interface field argument " + interface.name + "." + expected.name +
                              "(" + argument.name + ":) expected but " + type.name + "." +
                              field->name + " does not provide it with the same type.");
        }
      }
    }
    return Status::Ok();
  }

  Status set_roots() {
    std::string names[3] = {"Query", "Mutation", "Subscription"};
    SourceLocation location{1, 1};
    if (user_->schema) {
      names[0] = names[1] = names[2] = "";
      schema_->description_ = user_->schema->description;
      for (const ast::RootOperationType& root : user_->schema->root_types) {
        names[static_cast<int>(root.operation)] = root.type;
        location = root.location;
      }
    }
    const NamedType** roots[3] = {&schema_->query_, &schema_->mutation_, &schema_->subscription_};
    for (int i = 0; i < 3; ++i) {
      if (names[i].empty()) continue;
      const NamedType* type = schema_->type(names[i]);
      if (type == nullptr) {
        if (user_->schema) return error_at(location, "Unknown type \"" + names[i] + "\".");
        continue;
      }
      if (type->kind != TypeKind::kObject) {
        return error_at(location, "Root type " + names[i] + " must be an object type.");
      }
      *roots[i] = type;
    }
    if (schema_->query_ == nullptr) {
      return error_at(location, "Query root type must be provided.");
    }
    return Status::Ok();
  }

  // Field ids, meta fields, and the listed types.
  void finish() {
    Schema& schema = *schema_;
    std::uint32_t next_id = 0;
    for (NamedType& type : schema.type_storage_) {
      for (Field& field : type.fields) field.id = next_id++;
    }
    schema.typename_field_.name = "__typename";
    schema.typename_field_.description = "The name of the current Object type at runtime.";
    schema.typename_field_.type = intern_non_null("String");
    schema.schema_field_.name = "__schema";
    schema.schema_field_.description = "Access the current type schema of this server.";
    schema.schema_field_.type = intern_non_null("__Schema");
    schema.schema_field_.parent = schema.query_;
    schema.type_field_.name = "__type";
    schema.type_field_.description = "Request the type information of a single type.";
    schema.type_field_.type = &schema.type("__Type")->ref;
    schema.type_field_.parent = schema.query_;
    InputValue& name = schema.type_field_.arguments.emplace_back();
    name.name = "name";
    name.type = intern_non_null("String");
    for (Field* meta : {&schema.typename_field_, &schema.schema_field_, &schema.type_field_}) {
      meta->id = next_id++;
    }
    schema.field_count_ = next_id;

    std::unordered_set<const NamedType*> used;
    auto use_values = [&](const std::vector<InputValue>& values) {
      for (const InputValue& value : values) used.insert(value.type->named);
    };
    for (const NamedType& type : schema.type_storage_) {
      for (const Field& field : type.fields) {
        used.insert(field.type->named);
        use_values(field.arguments);
      }
      use_values(type.input_fields);
    }
    for (const Directive& directive : schema.directives_) use_values(directive.arguments);
    for (const ast::TypeDefinition& definition : builtin_->types) {
      const NamedType* type = schema.type(definition.name);
      if (type->kind == TypeKind::kScalar && used.count(type) > 0) {
        schema.listed_types_.push_back(type);
      }
    }
    for (const ast::TypeDefinition& definition : builtin_->types) {
      if (is_reserved(definition.name)) schema.listed_types_.push_back(schema.type(definition.name));
    }
  }

  const TypeRef* intern_non_null(const std::string& name) {
    ast::Type type;
    type.kind = ast::Type::Kind::kNonNull;
    type.of_type = std::make_unique<ast::Type>();
    type.of_type->name = name;
    return resolve(type).value();
  }

  const ast::TypeSystemDocument* builtin_ = nullptr;
  const ast::TypeSystemDocument* user_ = nullptr;
  std::unique_ptr<Schema> schema_;
  std::vector<PendingDefault> defaults_;
};

Result<std::shared_ptr<const Schema>> Schema::build(std::string_view sdl) {
  return SchemaBuilder().build(sdl);
}

}  // namespace fafnir::graphql
