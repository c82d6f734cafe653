#pragma once

#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/graphql/ast.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {

// The fields of one response key in a selection set, collected for one object type.
struct CollectedField {
  const ast::Selection* node = nullptr;     // the first field with the key
  std::vector<const ast::Selection*> more;  // the others, in document order
  const Field* definition = nullptr;
  const NamedType* parent = nullptr;  // the object type the fields are executed on
};

struct PreparedVariable {
  const ast::VariableDefinition* definition = nullptr;
  const TypeRef* type = nullptr;
  std::optional<nlohmann::json> default_value;  // coerced
};

struct PreparedOperation {
  const ast::OperationDefinition* definition = nullptr;
  const NamedType* root = nullptr;  // the Query or Mutation type
  std::vector<PreparedVariable> variables;
};

// A validated document with what execution needs resolved once: operations by name, root
// types, variable types and defaults, fragments by name. Immutable, so one instance serves
// concurrent executions; it points into the schema, which must outlive it.
class PreparedDocument {
 public:
  // REQUIRES: validate(schema, document) returned no errors.
  static std::shared_ptr<const PreparedDocument> create(const Schema& schema,
                                                        ast::Document document);

  PreparedDocument(const PreparedDocument&) = delete;
  PreparedDocument& operator=(const PreparedDocument&) = delete;

  const ast::Document& document() const { return document_; }
  const std::vector<PreparedOperation>& operations() const { return operations_; }
  // nullptr for an unknown name.
  const ast::FragmentDefinition* fragment(std::string_view name) const;
  // The collected fields of a selection set that is the same for every request (only fields,
  // without directives, with distinct response keys) when executed on `type`; nullptr when the
  // fields must be collected per request.
  const std::vector<CollectedField>* plan(const ast::SelectionSet& selection_set,
                                          const NamedType& type) const;

 private:
  explicit PreparedDocument(ast::Document document) : document_(std::move(document)) {}
  // Plans `selection_set` and those nested in it; `type` is its static type (may be null).
  void plan_selection_set(const Schema& schema, const ast::SelectionSet& selection_set,
                          const NamedType* type);

  ast::Document document_;
  std::vector<PreparedOperation> operations_;
  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;
  std::deque<TypeRef> type_arena_;
  std::unordered_map<const ast::SelectionSet*, std::vector<CollectedField>> plans_;
};

}  // namespace fafnir::graphql
