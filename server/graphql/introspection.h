#pragma once

#include "server/graphql/resolver.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {

// The resolvers of introspection (spec §4): Query.__schema, Query.__type(name:) and the
// computed fields of the introspection types (__Type.fields, interfaces, possibleTypes,
// enumValues, inputFields, __Field.args, __Directive.args, honouring includeDeprecated). They
// answer everything GraphiQL's and graphql-codegen's introspection queries ask, from JSON built
// once from `schema` and owned by the resolvers (they do not keep `schema`). Thread-safe.
Resolvers introspection_resolvers(const Schema& schema);

}  // namespace fafnir::graphql
