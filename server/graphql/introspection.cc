#include "server/graphql/introspection.h"

#include <memory>
#include <string>
#include <unordered_map>

namespace fafnir::graphql {
namespace {

using Json = nlohmann::json;

std::string_view kind_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::kScalar:
      return "SCALAR";
    case TypeKind::kObject:
      return "OBJECT";
    case TypeKind::kInterface:
      return "INTERFACE";
    case TypeKind::kUnion:
      return "UNION";
    case TypeKind::kEnum:
      return "ENUM";
    case TypeKind::kInputObject:
      return "INPUT_OBJECT";
  }
  return "SCALAR";
}

Json text_or_null(const std::string& text) { return text.empty() ? Json() : Json(text); }

// The lists of one named type, all and without the deprecated entries; null where the kind
// has no such list.
struct TypeEntry {
  Json base;  // kind, name, description, specifiedByURL, isOneOf, ofType
  Json fields_all, fields_active;
  Json enum_values_all, enum_values_active;
  Json input_fields_all, input_fields_active;
  Json interfaces, possible_types;
};

struct IntrospectionData {
  std::unordered_map<std::string, TypeEntry> types;
  Json schema;
};

class DataBuilder {
 public:
  explicit DataBuilder(const Schema& schema) : schema_(schema) {}

  std::shared_ptr<const IntrospectionData> build() {
    auto data = std::make_shared<IntrospectionData>();
    data_ = data.get();
    for (const NamedType* type : schema_.types()) {
      TypeEntry& entry = data_->types[type->name];
      entry.base = {{"kind", kind_name(type->kind)},
                    {"name", type->name},
                    {"description", text_or_null(type->description)},
                    {"specifiedByURL", text_or_null(type->specified_by_url)},
                    {"isOneOf", type->kind == TypeKind::kInputObject ? Json(false) : Json()},
                    {"ofType", nullptr}};
    }
    for (const NamedType* type : schema_.types()) fill(*type, &data_->types[type->name]);
    Json types = Json::array();
    for (const NamedType* type : schema_.types()) types.push_back(data_->types[type->name].base);
    Json directives = Json::array();
    for (const Directive& directive : schema_.directives()) {
      directives.push_back({{"name", directive.name},
                            {"description", text_or_null(directive.description)},
                            {"isRepeatable", directive.repeatable},
                            {"locations", directive.locations},
                            {"args", input_values(directive.arguments, true)}});
    }
    auto root = [&](const NamedType* type) {
      return type == nullptr ? Json() : data_->types[type->name].base;
    };
    data_->schema = {{"description", text_or_null(schema_.description())},
                     {"types", std::move(types)},
                     {"queryType", root(schema_.query_type())},
                     {"mutationType", root(schema_.mutation_type())},
                     {"subscriptionType", root(schema_.subscription_type())},
                     {"directives", std::move(directives)}};
    return data;
  }

 private:
  Json ref(const TypeRef& type) {
    if (type.kind == TypeRef::Kind::kNamed) return data_->types.at(type.named->name).base;
    return {{"kind", type.is_list() ? "LIST" : "NON_NULL"},
            {"name", nullptr},
            {"description", nullptr},
            {"specifiedByURL", nullptr},
            {"isOneOf", nullptr},
            {"ofType", ref(*type.of_type)}};
  }

  static Json deprecation(bool deprecated, const std::string& reason) {
    return deprecated ? Json(reason) : Json();
  }

  Json input_values(const std::vector<InputValue>& values, bool include_deprecated) {
    Json list = Json::array();
    for (const InputValue& value : values) {
      if (value.deprecated && !include_deprecated) continue;
      list.push_back(
          {{"name", value.name},
           {"description", text_or_null(value.description)},
           {"type", ref(*value.type)},
           {"defaultValue", value.default_value ? Json(value.default_literal) : Json()},
           {"isDeprecated", value.deprecated},
           {"deprecationReason", deprecation(value.deprecated, value.deprecation_reason)}});
    }
    return list;
  }

  Json fields(const NamedType& type, bool include_deprecated) {
    Json list = Json::array();
    for (const Field& field : type.fields) {
      if (field.deprecated && !include_deprecated) continue;
      list.push_back(
          {{"name", field.name},
           {"description", text_or_null(field.description)},
           {"args", input_values(field.arguments, true)},
           {"type", ref(*field.type)},
           {"isDeprecated", field.deprecated},
           {"deprecationReason", deprecation(field.deprecated, field.deprecation_reason)}});
    }
    return list;
  }

  Json enum_values(const NamedType& type, bool include_deprecated) {
    Json list = Json::array();
    for (const EnumValue& value : type.enum_values) {
      if (value.deprecated && !include_deprecated) continue;
      list.push_back(
          {{"name", value.name},
           {"description", text_or_null(value.description)},
           {"isDeprecated", value.deprecated},
           {"deprecationReason", deprecation(value.deprecated, value.deprecation_reason)}});
    }
    return list;
  }

  Json type_list(const std::vector<const NamedType*>& types) {
    Json list = Json::array();
    for (const NamedType* type : types) list.push_back(data_->types.at(type->name).base);
    return list;
  }

  void fill(const NamedType& type, TypeEntry* entry) {
    if (type.kind == TypeKind::kObject || type.kind == TypeKind::kInterface) {
      entry->fields_all = fields(type, true);
      entry->fields_active = fields(type, false);
      entry->interfaces = type_list(type.interfaces);
    }
    if (type.is_abstract()) entry->possible_types = type_list(type.possible_types);
    if (type.kind == TypeKind::kEnum) {
      entry->enum_values_all = enum_values(type, true);
      entry->enum_values_active = enum_values(type, false);
    }
    if (type.kind == TypeKind::kInputObject) {
      entry->input_fields_all = input_values(type.input_fields, true);
      entry->input_fields_active = input_values(type.input_fields, false);
    }
  }

  const Schema& schema_;
  IntrospectionData* data_ = nullptr;
};

bool include_deprecated(const Json& arguments) {
  const auto found = arguments.find("includeDeprecated");
  return found != arguments.end() && found->is_boolean() && found->get<bool>();
}

// A resolver of a __Type list field: `pick` chooses the list from the type's entry.
template <typename Pick>
FieldResolver type_list_resolver(std::shared_ptr<const IntrospectionData> data, Pick pick) {
  return [data = std::move(data), pick](const ResolveContext&, const Json& parent,
                                        const Json& arguments) -> FieldResult {
    static const Json kNull;
    const auto name = parent.find("name");
    if (name == parent.end() || !name->is_string()) return FieldResult::Borrowed(kNull);
    const auto found = data->types.find(name->get<std::string>());
    if (found == data->types.end()) return FieldResult::Borrowed(kNull);
    return FieldResult::Borrowed(pick(found->second, include_deprecated(arguments)));
  };
}

FieldResult args_resolver(const ResolveContext&, const Json& parent, const Json& arguments) {
  const Json& args = parent.at("args");
  if (include_deprecated(arguments)) return FieldResult::Borrowed(args);
  Json active = Json::array();
  for (const Json& arg : args) {
    if (!arg.value("isDeprecated", false)) active.push_back(arg);
  }
  return active;
}

}  // namespace

Resolvers introspection_resolvers(const Schema& schema) {
  std::shared_ptr<const IntrospectionData> data = DataBuilder(schema).build();
  Resolvers resolvers;
  resolvers.query["__schema"] = [data](const ResolveContext&, const Json&) {
    return FieldResult::Borrowed(data->schema);
  };
  resolvers.query["__type"] = [data](const ResolveContext&, const Json& arguments) {
    static const Json kNull;
    const auto found = data->types.find(arguments.at("name").get<std::string>());
    return FieldResult::Borrowed(found == data->types.end() ? kNull : found->second.base);
  };
  resolvers.fields["__Type.fields"] =
      type_list_resolver(data, [](const TypeEntry& entry, bool all) -> const Json& {
        return all ? entry.fields_all : entry.fields_active;
      });
  resolvers.fields["__Type.enumValues"] =
      type_list_resolver(data, [](const TypeEntry& entry, bool all) -> const Json& {
        return all ? entry.enum_values_all : entry.enum_values_active;
      });
  resolvers.fields["__Type.inputFields"] =
      type_list_resolver(data, [](const TypeEntry& entry, bool all) -> const Json& {
        return all ? entry.input_fields_all : entry.input_fields_active;
      });
  resolvers.fields["__Type.interfaces"] = type_list_resolver(
      data, [](const TypeEntry& entry, bool) -> const Json& { return entry.interfaces; });
  resolvers.fields["__Type.possibleTypes"] = type_list_resolver(
      data, [](const TypeEntry& entry, bool) -> const Json& { return entry.possible_types; });
  resolvers.fields["__Field.args"] = args_resolver;
  resolvers.fields["__Directive.args"] = args_resolver;
  return resolvers;
}

}  // namespace fafnir::graphql
