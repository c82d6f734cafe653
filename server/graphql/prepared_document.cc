#include "server/graphql/prepared_document.h"

#include <unordered_set>

#include "server/graphql/input_values.h"

namespace fafnir::graphql {
namespace {

const TypeRef* resolve(const Schema& schema, const ast::Type& type, std::deque<TypeRef>* arena) {
  if (type.kind == ast::Type::Kind::kNamed) return &schema.type(type.name)->ref;
  const TypeRef* inner = resolve(schema, *type.of_type, arena);
  TypeRef& ref = arena->emplace_back();
  ref.kind = type.kind == ast::Type::Kind::kList ? TypeRef::Kind::kList : TypeRef::Kind::kNonNull;
  ref.named = inner->named;
  ref.of_type = inner;
  return &ref;
}

}  // namespace

std::shared_ptr<const PreparedDocument> PreparedDocument::create(const Schema& schema,
                                                                 ast::Document document) {
  std::shared_ptr<PreparedDocument> prepared(new PreparedDocument(std::move(document)));
  for (const ast::FragmentDefinition& fragment : prepared->document_.fragments) {
    prepared->fragments_.emplace(fragment.name, &fragment);
  }
  for (const ast::OperationDefinition& definition : prepared->document_.operations) {
    PreparedOperation& operation = prepared->operations_.emplace_back();
    operation.definition = &definition;
    operation.root = definition.type == ast::OperationType::kMutation ? schema.mutation_type()
                     : definition.type == ast::OperationType::kQuery  ? schema.query_type()
                                                                      : schema.subscription_type();
    for (const ast::VariableDefinition& variable_definition : definition.variables) {
      PreparedVariable& variable = operation.variables.emplace_back();
      variable.definition = &variable_definition;
      variable.type = resolve(schema, variable_definition.type, &prepared->type_arena_);
      if (variable_definition.default_value) {
        nlohmann::json value;
        std::string error;
        if (coerce_literal(*variable_definition.default_value, *variable.type, nullptr, &value,
                           &error)) {
          variable.default_value = std::move(value);
        }
      }
    }
  }
  for (const PreparedOperation& operation : prepared->operations_) {
    prepared->plan_selection_set(schema, operation.definition->selection_set, operation.root);
  }
  for (const ast::FragmentDefinition& fragment : prepared->document_.fragments) {
    prepared->plan_selection_set(schema, fragment.selection_set,
                                 schema.type(fragment.type_condition));
  }
  return prepared;
}

void PreparedDocument::plan_selection_set(const Schema& schema,
                                          const ast::SelectionSet& selection_set,
                                          const NamedType* type) {
  bool fixed = type != nullptr && type->kind == TypeKind::kObject;
  std::unordered_set<std::string_view> keys;
  for (const ast::Selection& selection : selection_set.selections) {
    if (selection.kind != ast::Selection::Kind::kField || !selection.directives.empty() ||
        !keys.insert(selection.response_key()).second) {
      fixed = false;
    }
  }
  if (fixed) {
    std::vector<CollectedField>& plan = plans_[&selection_set];
    for (const ast::Selection& selection : selection_set.selections) {
      CollectedField& field = plan.emplace_back();
      field.node = &selection;
      field.definition = schema.find_field(*type, selection.name);
      field.parent = type;
    }
  }
  for (const ast::Selection& selection : selection_set.selections) {
    if (selection.kind == ast::Selection::Kind::kField) {
      if (selection.selection_set.selections.empty()) continue;
      const Field* field = type != nullptr ? schema.find_field(*type, selection.name) : nullptr;
      plan_selection_set(schema, selection.selection_set,
                         field != nullptr ? field->type->named : nullptr);
    } else if (selection.kind == ast::Selection::Kind::kInlineFragment) {
      plan_selection_set(
          schema, selection.selection_set,
          selection.type_condition.empty() ? type : schema.type(selection.type_condition));
    }
  }
}

const std::vector<CollectedField>* PreparedDocument::plan(const ast::SelectionSet& selection_set,
                                                          const NamedType& type) const {
  const auto found = plans_.find(&selection_set);
  if (found == plans_.end() || found->second.front().parent != &type) return nullptr;
  return &found->second;
}

const ast::FragmentDefinition* PreparedDocument::fragment(std::string_view name) const {
  const auto found = fragments_.find(name);
  return found == fragments_.end() ? nullptr : found->second;
}

}  // namespace fafnir::graphql
