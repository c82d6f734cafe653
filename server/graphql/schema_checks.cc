#include <unordered_set>

#include "server/graphql/schema_builder.h"

// The checks that span types, and the finishing touches of a built schema.
namespace fafnir::graphql {
namespace {

bool is_reserved(std::string_view name) { return name.size() >= 2 && name.substr(0, 2) == "__"; }

Status error_at(SourceLocation location, const std::string& message) {
  return Status::InvalidArgument(std::to_string(location.line) + ":" +
                                 std::to_string(location.column) + ": " + message);
}

}  // namespace

Status SchemaBuilder::check_types() {
  for (const ast::TypeSystemDocument* document : {builtin_, user_}) {
    for (const ast::TypeDefinition& definition : document->types) {
      NamedType& type = mutable_type(definition.name);
      const bool needs_members = type.kind == TypeKind::kObject ||
                                 type.kind == TypeKind::kInterface ||
                                 type.kind == TypeKind::kInputObject ||
                                 type.kind == TypeKind::kEnum || type.kind == TypeKind::kUnion;
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

Status SchemaBuilder::check_implements(const ast::TypeDefinition& definition, const NamedType& type,
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
                      "Interface field " + interface.name + "." + expected.name + " expects type " +
                          expected.type->to_string() + " but " + type.name + "." + field->name +
                          " is type " + field->type->to_string() + ".");
    }
    for (const InputValue& argument : expected.arguments) {
      const InputValue* given = field->argument(argument.name);
      if (given == nullptr || !same_type(*given->type, *argument.type)) {
        return error_at(definition.location,
                        "Interface field argument " + interface.name + "." + expected.name + "(" +
                            argument.name + ":) expected but " + type.name + "." + field->name +
                            " does not provide it with the same type.");
      }
    }
  }
  return Status::Ok();
}

Status SchemaBuilder::set_roots() {
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
void SchemaBuilder::finish() {
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

const TypeRef* SchemaBuilder::intern_non_null(const std::string& name) {
  ast::Type type;
  type.kind = ast::Type::Kind::kNonNull;
  type.of_type = std::make_unique<ast::Type>();
  type.of_type->name = name;
  return resolve(type).value();
}

}  // namespace fafnir::graphql
