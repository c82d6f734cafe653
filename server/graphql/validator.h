#pragma once

#include <vector>

#include "server/graphql/ast.h"
#include "server/graphql/error.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {

struct ValidationOptions {
  // Deepest nesting of selection sets with fragments expanded; deeper operations are refused.
  // Default 100; values above kMaxSupportedDepth (parser.h) count as kMaxSupportedDepth.
  int max_depth = 100;
  // Validation stops after this many errors, adding one saying so. Default 100.
  int max_errors = 100;
};

// Validates an executable document against `schema` (spec §5, graphql-js messages):
//   operations: unique names, lone anonymous operation, root type exists for the operation type;
//   fields: exist on their type ("Cannot query field \"x\" on type \"Y\"."), leaf fields have
//     no selection and composite fields one, same-key sibling fields do not conflict;
//   arguments: known, unique, required ones present, literal values of the right type;
//   fragments: unique names, known, used, no cycles, on composite types, spreads possible;
//   variables: unique, input types, defined, used, types compatible with each position;
//   directives: known, allowed at their location, unique unless repeatable;
//   depth: at most options.max_depth with fragments expanded.
// Returns every error found, in document order by rule; empty when the document is valid.
// Thread-safe for distinct documents and a shared schema.
std::vector<GraphqlError> validate(const Schema& schema, const ast::Document& document,
                                   const ValidationOptions& options = {});

}  // namespace fafnir::graphql
