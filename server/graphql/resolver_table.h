#pragma once

#include <vector>

#include "core/common/status.h"
#include "server/graphql/resolver.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {

// Resolvers bound to the schema's fields, found by field id in constant time. Immutable after
// bind(); borrows nothing.
class ResolverTable {
 public:
  ResolverTable() = default;

  // InvalidArgument naming the first resolver whose field the schema lacks (or a mutation
  // resolver for a schema without a Mutation type).
  static Result<ResolverTable> bind(const Schema& schema, Resolvers resolvers);

  // nullptr when none was registered.
  const RootResolver* root(const Field& field) const;
  const FieldResolver* field(const Field& field) const;

 private:
  std::vector<RootResolver> roots_;    // by field id; empty functions where none
  std::vector<FieldResolver> fields_;  // by field id; empty functions where none
};

}  // namespace fafnir::graphql
