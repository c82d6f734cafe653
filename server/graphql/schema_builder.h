#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "server/graphql/ast.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {

// Internal to Schema::build(): builds a Schema from the built-in SDL and the user's SDL in
// passes: declare the named types, fill in their members, resolve directives, defaults and
// deprecations, then check the rules that span types (interfaces, unions, root types). One
// instance builds one schema.
class SchemaBuilder {
 public:
  Result<std::shared_ptr<const Schema>> build(std::string_view sdl);

 private:
  struct PendingDefault {
    InputValue* value;
    const ast::Value* literal;
  };
  Status declare(const ast::TypeDefinition& definition, bool builtin);
  NamedType& mutable_type(const std::string& name);
  Result<const TypeRef*> resolve(const ast::Type& type);
  // Reads @deprecated among `directives`.
  void read_deprecation(const std::vector<ast::Directive>& directives, bool* deprecated,
                        std::string* reason);
  Status check_directives(const std::vector<ast::Directive>& directives);
  bool declared_directive(const std::string& name) const;
  Status fill_input_values(const std::vector<ast::InputValueDefinition>& definitions,
                           const std::string& owner, std::vector<InputValue>* values);
  Status fill(const ast::TypeDefinition& definition);
  Status add_directive(const ast::DirectiveDefinition& definition, bool builtin);
  Status check_types();
  Status check_implements(const ast::TypeDefinition& definition, const NamedType& type,
                          const NamedType& interface);
  Status set_roots();
  // Field ids, meta fields, and the listed types.
  void finish();
  const TypeRef* intern_non_null(const std::string& name);

  const ast::TypeSystemDocument* builtin_ = nullptr;
  const ast::TypeSystemDocument* user_ = nullptr;
  std::unique_ptr<Schema> schema_;
  std::vector<PendingDefault> defaults_;
};

}  // namespace fafnir::graphql
