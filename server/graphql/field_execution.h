#pragma once

#include <any>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/graphql/error.h"
#include "server/graphql/executor.h"
#include "server/graphql/prepared_document.h"
#include "server/graphql/resolver_table.h"
#include "server/graphql/schema.h"

namespace fafnir::graphql {

// Internal to the executor: executes one operation's selection set (spec §6.3 and §6.4),
// writing the `data` value as JSON text straight into a string. A field that fails is cut from
// the text and replaced by null at the nearest nullable position. One instance per execution.
class FieldExecution {
 public:
  // `variables` are the coerced variable values. All arguments must outlive the instance.
  FieldExecution(const Schema& schema, const ResolverTable& resolvers,
                 const PreparedDocument& document, const PreparedOperation& operation,
                 const nlohmann::json& variables, const std::any& context,
                 const ExecutionLimits& limits);

  // Appends the data value (an object, or null) to *out.
  void run(std::string* out);
  std::vector<GraphqlError>& errors() { return errors_; }

 private:
  using FieldList = std::vector<CollectedField>;

  struct PathEntry {
    std::string_view key;  // empty for a list index
    std::size_t index = 0;
  };

  // CollectFields (spec §6.3.2); `visited_fragments` is indexed like the document's fragments
  // (empty until the first spread).
  void collect_fields(const NamedType& type, const ast::SelectionSet& selection_set,
                      FieldList* fields, std::vector<bool>* visited_fragments);
  bool should_include(const std::vector<ast::Directive>& directives) const;
  bool fragment_applies(const NamedType& type, const std::string& condition) const;

  // Each returns false when the value failed (the error is recorded); the caller then writes
  // null if its position allows, or fails in turn.
  bool execute_selection(const NamedType& type, const nlohmann::json* parent,
                         const FieldList& fields);
  bool execute_field(const NamedType& type, const nlohmann::json* parent,
                     const CollectedField& field);
  bool coerce_arguments(const CollectedField& field, nlohmann::json* arguments);
  FieldResult resolve(const NamedType& type, const nlohmann::json* parent,
                      const CollectedField& field, const nlohmann::json& arguments);
  bool complete_value(const TypeRef& type, const nlohmann::json& value,
                      const CollectedField& field);
  bool complete_object(const NamedType& type, const nlohmann::json& value,
                       const CollectedField& field);

  // Counts one value against limits.max_values; false (with one error) once past it.
  bool charge();
  void add_error(std::string message, const CollectedField& field, std::string_view code);
  nlohmann::json path_json() const;

  const Schema& schema_;
  const ResolverTable& resolvers_;
  const PreparedDocument& document_;
  const PreparedOperation& operation_;
  const nlohmann::json& variables_;
  const std::any& context_;
  ExecutionLimits limits_;
  std::string* out_ = nullptr;
  std::vector<GraphqlError> errors_;
  std::vector<PathEntry> path_;
  std::size_t values_ = 0;
  bool aborted_ = false;
};

}  // namespace fafnir::graphql
