#include "server/graphql/resolver_table.h"

namespace fafnir::graphql {

Result<ResolverTable> ResolverTable::bind(const Schema& schema, Resolvers resolvers) {
  ResolverTable table;
  table.roots_.resize(schema.field_count());
  table.fields_.resize(schema.field_count());
  auto bind_roots = [&](std::unordered_map<std::string, RootResolver>& by_name,
                        const NamedType* root, std::string_view kind) -> Status {
    for (auto& [name, resolver] : by_name) {
      const Field* field = root != nullptr ? schema.find_field(*root, name) : nullptr;
      if (field == nullptr || field->name == "__typename") {
        return Status::InvalidArgument("resolver for unknown " + std::string(kind) + " field '" +
                                       name + "'");
      }
      table.roots_[field->id] = std::move(resolver);
    }
    return Status::Ok();
  };
  FAFNIR_RETURN_IF_ERROR(bind_roots(resolvers.query, schema.query_type(), "query"));
  FAFNIR_RETURN_IF_ERROR(bind_roots(resolvers.mutation, schema.mutation_type(), "mutation"));
  for (auto& [name, resolver] : resolvers.fields) {
    const std::size_t dot = name.find('.');
    const NamedType* type = dot == std::string::npos ? nullptr : schema.type(name.substr(0, dot));
    const Field* field = type != nullptr ? type->field(name.substr(dot + 1)) : nullptr;
    if (field == nullptr) {
      return Status::InvalidArgument("resolver for unknown field '" + name + "'");
    }
    table.fields_[field->id] = std::move(resolver);
  }
  return table;
}

const RootResolver* ResolverTable::root(const Field& field) const {
  const RootResolver& resolver = roots_[field.id];
  return resolver ? &resolver : nullptr;
}

const FieldResolver* ResolverTable::field(const Field& field) const {
  const FieldResolver& resolver = fields_[field.id];
  return resolver ? &resolver : nullptr;
}

}  // namespace fafnir::graphql
