#include "server/graphql/validator.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "server/graphql/parser.h"
#include "server/graphql/validation_context.h"

namespace fafnir::graphql {
namespace {

std::string_view operation_location(ast::OperationType type) {
  switch (type) {
    case ast::OperationType::kQuery:
      return "QUERY";
    case ast::OperationType::kMutation:
      return "MUTATION";
    case ast::OperationType::kSubscription:
      return "SUBSCRIPTION";
  }
  return "QUERY";
}

// Document-level rules: what spans operations and fragments.
class DocumentValidator {
 public:
  DocumentValidator(const Schema& schema, const ast::Document& document,
                    const ValidationOptions& options)
      : context_(schema, document, options.max_errors),
        document_(document),
        max_depth_(std::clamp(options.max_depth, 1, kMaxSupportedDepth)),
        fragment_scopes_(document.fragments.size()),
        operation_scopes_(document.operations.size()) {
    for (std::size_t i = 0; i < document.fragments.size(); ++i) {
      fragment_index_.emplace(document.fragments[i].name, i);
    }
  }

  std::vector<GraphqlError> run() {
    check_names();
    for (std::size_t i = 0; i < document_.fragments.size() && !context_.full(); ++i) {
      context_.set_scope(&fragment_scopes_[i]);
      check_fragment(document_.fragments[i]);
    }
    for (std::size_t i = 0; i < document_.operations.size() && !context_.full(); ++i) {
      context_.set_scope(&operation_scopes_[i]);
      check_operation(document_.operations[i]);
    }
    const bool acyclic = check_cycles();
    for (std::size_t i = 0; i < document_.operations.size(); ++i) {
      reachable_.push_back(reachable_fragments(i));
    }
    check_unused_fragments();
    for (std::size_t i = 0; i < document_.operations.size(); ++i) check_variables(i);
    if (acyclic) check_depth();
    return context_.take_errors();
  }

 private:
  // -1 for an unknown fragment.
  int fragment_of(const ast::Selection& spread) const {
    const auto found = fragment_index_.find(spread.name);
    return found == fragment_index_.end() ? -1 : static_cast<int>(found->second);
  }

  void check_names() {
    std::unordered_map<std::string_view, SourceLocation> operations;
    for (const ast::OperationDefinition& operation : document_.operations) {
      if (operation.name.empty()) {
        if (document_.operations.size() > 1) {
          context_.report("This anonymous operation must be the only defined operation.",
                          {operation.location});
        }
        continue;
      }
      const auto [found, inserted] = operations.emplace(operation.name, operation.name_location);
      if (!inserted) {
        context_.report("There can be only one operation named \"" + operation.name + "\".",
                        {found->second, operation.name_location});
      }
    }
    std::unordered_map<std::string_view, SourceLocation> fragments;
    for (const ast::FragmentDefinition& fragment : document_.fragments) {
      const auto [found, inserted] = fragments.emplace(fragment.name, fragment.name_location);
      if (!inserted) {
        context_.report("There can be only one fragment named \"" + fragment.name + "\".",
                        {found->second, fragment.name_location});
      }
    }
  }

  void check_fragment(const ast::FragmentDefinition& fragment) {
    const NamedType* type = context_.schema().type(fragment.type_condition);
    if (type == nullptr) {
      context_.report(context_.unknown_type(fragment.type_condition),
                      {fragment.type_condition_location});
    } else if (!type->is_composite()) {
      context_.report("Fragment \"" + fragment.name +
                          "\" cannot condition on non composite "
                          "type \"" +
                          type->name + "\".",
                      {fragment.type_condition_location});
      type = nullptr;
    }
    validate_directives(context_, fragment.directives, "FRAGMENT_DEFINITION");
    validate_selection_set(context_, type, fragment.selection_set);
  }

  void check_operation(const ast::OperationDefinition& operation) {
    const Schema& schema = context_.schema();
    const NamedType* root = operation.type == ast::OperationType::kQuery ? schema.query_type()
                            : operation.type == ast::OperationType::kMutation
                                ? schema.mutation_type()
                                : schema.subscription_type();
    if (root == nullptr) {
      context_.report("Schema is not configured to execute " +
                          std::string(ast::operation_type_name(operation.type)) + " operation.",
                      {operation.location});
    }
    std::unordered_map<std::string_view, std::vector<SourceLocation>> names;
    for (const ast::VariableDefinition& variable : operation.variables) {
      names[variable.name].push_back(variable.name_location);
    }
    for (const ast::VariableDefinition& variable : operation.variables) {
      std::vector<SourceLocation>& locations = names[variable.name];
      if (locations.size() > 1) {  // one error per repeated name, at every occurrence
        context_.report("There can be only one variable named \"$" + variable.name + "\".",
                        std::move(locations));
        locations.clear();
      }
    }
    for (const ast::VariableDefinition& variable : operation.variables) {
      const TypeRef* type = context_.resolve(variable.type);
      if (type == nullptr) {
        context_.report(context_.unknown_type(variable.type.named_type()),
                        {variable.type.location});
      } else if (!type->named->is_input()) {
        context_.report("Variable \"$" + variable.name + "\" cannot be non-input type \"" +
                            type->to_string() + "\".",
                        {variable.type.location});
        type = nullptr;
      }
      if (type != nullptr && variable.default_value) {
        validate_value(context_, *variable.default_value, type, false);
      }
      validate_directives(context_, variable.directives, "VARIABLE_DEFINITION");
      variable_types_[&variable] = type;
    }
    validate_directives(context_, operation.directives, operation_location(operation.type));
    validate_selection_set(context_, root, operation.selection_set);
  }

  // NoFragmentCycles, iteratively (fragment chains may be long); records a topological order
  // (every fragment after those it spreads). True when there is no cycle.
  bool check_cycles() {
    const std::size_t count = document_.fragments.size();
    std::vector<bool> visited(count, false);
    std::vector<int> path_index(count, -1);
    std::vector<const ast::Selection*> path;
    struct Frame {
      std::size_t fragment;
      std::size_t next = 0;
    };
    std::vector<Frame> stack;
    bool acyclic = true;
    for (std::size_t root = 0; root < count; ++root) {
      if (visited[root]) continue;
      visited[root] = true;
      path_index[root] = 0;
      stack.push_back({root});
      while (!stack.empty()) {
        Frame& frame = stack.back();
        const auto& spreads = fragment_scopes_[frame.fragment].spreads;
        if (frame.next == spreads.size()) {
          path_index[frame.fragment] = -1;
          topological_order_.push_back(frame.fragment);
          stack.pop_back();
          if (!stack.empty()) path.pop_back();
          continue;
        }
        const ast::Selection* spread = spreads[frame.next++];
        const int target = fragment_of(*spread);
        if (target < 0) continue;
        path.push_back(spread);
        if (path_index[target] >= 0) {
          acyclic = false;
          report_cycle(*spread, path, static_cast<std::size_t>(path_index[target]));
          path.pop_back();
        } else if (visited[target]) {
          path.pop_back();
        } else {
          visited[target] = true;
          path_index[target] = static_cast<int>(path.size());
          stack.push_back({static_cast<std::size_t>(target)});
        }
      }
    }
    return acyclic;
  }

  void report_cycle(const ast::Selection& spread, const std::vector<const ast::Selection*>& path,
                    std::size_t from) {
    std::string via;
    std::vector<SourceLocation> locations;
    for (std::size_t i = from; i < path.size(); ++i) {
      locations.push_back(path[i]->location);
      if (i + 1 < path.size()) via += (via.empty() ? "\"" : ", \"") + path[i]->name + "\"";
    }
    context_.report("Cannot spread fragment \"" + spread.name + "\" within itself" +
                        (via.empty() ? "" : " via " + via) + ".",
                    std::move(locations));
  }

  // The fragments an operation reaches, transitively.
  std::vector<std::size_t> reachable_fragments(std::size_t operation) const {
    std::vector<std::size_t> found;
    std::vector<bool> seen(document_.fragments.size(), false);
    std::vector<const ValidationScope*> pending = {&operation_scopes_[operation]};
    while (!pending.empty()) {
      const ValidationScope* scope = pending.back();
      pending.pop_back();
      for (const ast::Selection* spread : scope->spreads) {
        const int target = fragment_of(*spread);
        if (target < 0 || seen[target]) continue;
        seen[target] = true;
        found.push_back(static_cast<std::size_t>(target));
        pending.push_back(&fragment_scopes_[target]);
      }
    }
    return found;
  }

  void check_unused_fragments() {
    std::vector<bool> used(document_.fragments.size(), false);
    for (const std::vector<std::size_t>& fragments : reachable_) {
      for (std::size_t fragment : fragments) used[fragment] = true;
    }
    for (std::size_t i = 0; i < document_.fragments.size(); ++i) {
      if (!used[i] && fragment_index_.at(document_.fragments[i].name) == i) {
        context_.report("Fragment \"" + document_.fragments[i].name + "\" is never used.",
                        {document_.fragments[i].location});
      }
    }
  }

  static bool allowed_in_position(const TypeRef& variable_type, const ast::VariableDefinition& def,
                                  const VariableUsage& usage) {
    const TypeRef& expected = *usage.expected;
    if (expected.is_non_null() && !variable_type.is_non_null()) {
      const bool non_null_default =
          def.default_value && def.default_value->kind != ast::Value::Kind::kNull;
      if (!non_null_default && !usage.position_has_default) return false;
      return Schema::is_subtype(variable_type, *expected.of_type);
    }
    return Schema::is_subtype(variable_type, expected);
  }

  void check_variables(std::size_t index) {
    const ast::OperationDefinition& operation = document_.operations[index];
    std::unordered_map<std::string_view, const ast::VariableDefinition*> defined;
    for (const ast::VariableDefinition& variable : operation.variables) {
      defined.emplace(variable.name, &variable);
    }
    std::vector<const VariableUsage*> usages;
    for (const VariableUsage& usage : operation_scopes_[index].usages) usages.push_back(&usage);
    for (std::size_t fragment : reachable_[index]) {
      for (const VariableUsage& usage : fragment_scopes_[fragment].usages) {
        usages.push_back(&usage);
      }
    }
    const std::string in_operation =
        operation.name.empty() ? "" : " by operation \"" + operation.name + "\"";
    std::unordered_set<std::string_view> used;
    std::unordered_set<std::string_view> undefined_reported;
    for (const VariableUsage* usage : usages) {
      const std::string& name = usage->node->text;
      const auto found = defined.find(name);
      if (found == defined.end()) {
        if (undefined_reported.insert(name).second) {
          context_.report("Variable \"$" + name + "\" is not defined" + in_operation + ".",
                          {usage->node->location, operation.location});
        }
        continue;
      }
      used.insert(name);
      const TypeRef* type = variable_types_[found->second];
      if (type != nullptr && usage->expected != nullptr &&
          !allowed_in_position(*type, *found->second, *usage)) {
        context_.report("Variable \"$" + name + "\" of type \"" + type->to_string() +
                            "\" used in position expecting type \"" + usage->expected->to_string() +
                            "\".",
                        {found->second->location, usage->node->location});
      }
    }
    for (const ast::VariableDefinition& variable : operation.variables) {
      if (used.count(variable.name) > 0) continue;
      context_.report(
          "Variable \"$" + variable.name + "\" is never used" +
              (operation.name.empty() ? "" : " in operation \"" + operation.name + "\"") + ".",
          {variable.location});
    }
  }

  // Levels of nested selection sets in `selection_set`, fragments expanded (their depths come
  // from fragment_depth_, computed in topological order). Saturates above max_depth_.
  int depth_of(const ast::SelectionSet& selection_set) const {
    int deepest = 0;
    for (const ast::Selection& selection : selection_set.selections) {
      if (selection.kind == ast::Selection::Kind::kFragmentSpread) {
        const int target = fragment_of(selection);
        if (target >= 0) deepest = std::max(deepest, fragment_depth_[target]);
      } else if (!selection.selection_set.selections.empty()) {
        deepest = std::max(deepest, depth_of(selection.selection_set));
      }
    }
    return std::min(deepest + 1, max_depth_ + 1);
  }

  void check_depth() {
    fragment_depth_.assign(document_.fragments.size(), 0);
    for (std::size_t fragment : topological_order_) {
      fragment_depth_[fragment] = depth_of(document_.fragments[fragment].selection_set);
    }
    for (const ast::OperationDefinition& operation : document_.operations) {
      if (depth_of(operation.selection_set) > max_depth_) {
        context_.report(
            "Operation is nested too deeply (limit " + std::to_string(max_depth_) + " levels).",
            {operation.location});
      }
    }
  }

  ValidationContext context_;
  const ast::Document& document_;
  int max_depth_;
  std::unordered_map<std::string_view, std::size_t> fragment_index_;  // the first of a name
  std::vector<ValidationScope> fragment_scopes_;
  std::vector<ValidationScope> operation_scopes_;
  std::unordered_map<const ast::VariableDefinition*, const TypeRef*> variable_types_;
  std::vector<std::vector<std::size_t>> reachable_;  // by operation
  std::vector<std::size_t> topological_order_;
  std::vector<int> fragment_depth_;
};

}  // namespace

std::vector<GraphqlError> validate(const Schema& schema, const ast::Document& document,
                                   const ValidationOptions& options) {
  return DocumentValidator(schema, document, options).run();
}

}  // namespace fafnir::graphql
