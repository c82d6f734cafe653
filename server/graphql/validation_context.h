#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/graphql/ast.h"
#include "server/graphql/error.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {

// Internal to the validator: the state shared by its rules while walking one document.

// Where a variable is used, and what that position expects.
struct VariableUsage {
  const ast::Value* node = nullptr;   // the kVariable literal
  const TypeRef* expected = nullptr;  // nullptr when the position's type is unknown
  bool position_has_default = false;  // the argument or input field has a default value
};

// What one operation or fragment definition uses directly.
struct ValidationScope {
  std::vector<VariableUsage> usages;
  std::vector<const ast::Selection*> spreads;
};

class ValidationContext {
 public:
  ValidationContext(const Schema& schema, const ast::Document& document, int max_errors);

  const Schema& schema() const { return schema_; }
  const ast::Document& document() const { return document_; }
  // nullptr when no fragment has that name (the first one when several do).
  const ast::FragmentDefinition* fragment(std::string_view name) const;

  void report(std::string message, std::vector<SourceLocation> locations);
  bool full() const { return full_; }
  std::vector<GraphqlError> take_errors() { return std::move(errors_); }

  // Usages and spreads found while walking go to the current scope.
  void set_scope(ValidationScope* scope) { scope_ = scope; }
  ValidationScope& scope() { return *scope_; }

  // The schema type of a type reference in the document; nullptr when a named type is unknown.
  const TypeRef* resolve(const ast::Type& type);

  // "Unknown type \"X\"." with suggestions.
  std::string unknown_type(const std::string& name) const;

 private:
  const Schema& schema_;
  const ast::Document& document_;
  int max_errors_;
  bool full_ = false;
  std::vector<GraphqlError> errors_;
  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;
  ValidationScope* scope_ = nullptr;
  std::deque<TypeRef> type_arena_;
};

// ValuesOfCorrectType and UniqueInputFieldNames for a literal in a position of type `expected`
// (nullptr: unknown, only variables are recorded); records variable usages in the scope.
void validate_value(ValidationContext& context, const ast::Value& value, const TypeRef* expected,
                    bool position_has_default);

// Arguments of a field or directive: known, unique, values correct, required ones present.
// `owner` names the field ("Type.field") or the directive ("@name") in messages.
void validate_arguments(ValidationContext& context, const std::vector<ast::Argument>& arguments,
                        const std::vector<InputValue>& definitions, bool is_directive,
                        const std::string& owner, SourceLocation owner_location);

// Directives at `location` ("FIELD", "QUERY", ...): known, allowed there, unique unless
// repeatable, with valid arguments.
void validate_directives(ValidationContext& context, const std::vector<ast::Directive>& directives,
                         std::string_view location);

// Every rule about a selection set whose parent type is `parent` (nullptr: unknown).
void validate_selection_set(ValidationContext& context, const NamedType* parent,
                            const ast::SelectionSet& selection_set);

}  // namespace fafnir::graphql
