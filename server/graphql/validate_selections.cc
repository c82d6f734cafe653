#include <algorithm>
#include <unordered_map>

#include "server/graphql/suggestions.h"
#include "server/graphql/validation_context.h"

namespace fafnir::graphql {
namespace {

struct FieldEntry {
  const NamedType* parent;  // may be null
  const ast::Selection* node;
  const Field* definition;  // may be null
};

// The fields of `selection_set` and of its inline fragments (not named fragments), as the
// OverlappingFieldsCanBeMerged rule compares them.
void collect_fields(const Schema& schema, const NamedType* parent,
                    const ast::SelectionSet& selection_set, std::vector<FieldEntry>* out) {
  for (const ast::Selection& selection : selection_set.selections) {
    if (selection.kind == ast::Selection::Kind::kField) {
      const Field* definition = parent ? schema.find_field(*parent, selection.name) : nullptr;
      out->push_back({parent, &selection, definition});
    } else if (selection.kind == ast::Selection::Kind::kInlineFragment) {
      const NamedType* type =
          selection.type_condition.empty() ? parent : schema.type(selection.type_condition);
      collect_fields(schema, type, selection.selection_set, out);
    }
  }
}

std::string arguments_key(const std::vector<ast::Argument>& arguments) {
  std::vector<std::string> parts;
  for (const ast::Argument& argument : arguments) {
    parts.push_back(argument.name + ":" + ast::print_value(argument.value));
  }
  std::sort(parts.begin(), parts.end());
  std::string key;
  for (const std::string& part : parts) key += part + ",";
  return key;
}

bool types_conflict(const TypeRef& a, const TypeRef& b) {
  if (a.is_list() || b.is_list()) {
    return !(a.is_list() && b.is_list()) || types_conflict(*a.of_type, *b.of_type);
  }
  if (a.is_non_null() || b.is_non_null()) {
    return !(a.is_non_null() && b.is_non_null()) || types_conflict(*a.of_type, *b.of_type);
  }
  if (a.named->is_leaf() || b.named->is_leaf()) return a.named != b.named;
  return false;
}

// Why two fields with the same response key cannot be merged; empty when they can.
std::string conflict_reason(const FieldEntry& a, const FieldEntry& b) {
  const bool exclusive = a.parent != b.parent && a.parent != nullptr && b.parent != nullptr &&
                         a.parent->kind == TypeKind::kObject && b.parent->kind == TypeKind::kObject;
  if (!exclusive) {
    if (a.node->name != b.node->name) {
      return "\"" + a.node->name + "\" and \"" + b.node->name + "\" are different fields";
    }
    if (arguments_key(a.node->arguments) != arguments_key(b.node->arguments)) {
      return "they have differing arguments";
    }
  }
  if (a.definition != nullptr && b.definition != nullptr &&
      types_conflict(*a.definition->type, *b.definition->type)) {
    return "they return conflicting types \"" + a.definition->type->to_string() + "\" and \"" +
           b.definition->type->to_string() + "\"";
  }
  return "";
}

void check_overlaps(ValidationContext& context, const NamedType* parent,
                    const ast::SelectionSet& selection_set) {
  std::vector<FieldEntry> entries;
  collect_fields(context.schema(), parent, selection_set, &entries);
  if (entries.size() < 2) return;
  std::unordered_map<std::string_view, const FieldEntry*> first_by_key;
  for (const FieldEntry& entry : entries) {
    const auto [found, inserted] = first_by_key.emplace(entry.node->response_key(), &entry);
    if (inserted) continue;
    const std::string reason = conflict_reason(*found->second, entry);
    if (reason.empty()) continue;
    context.report("Fields \"" + entry.node->response_key() + "\" conflict because " + reason +
                       ". Use different aliases on the fields to fetch both if this was "
                       "intentional.",
                   {found->second->node->location, entry.node->location});
  }
}

void walk_selection_set(ValidationContext& context, const NamedType* parent,
                        const ast::SelectionSet& selection_set, bool check_overlap);

// graphql-js's hint for an unknown field: the types that have it (for an abstract type), else
// similar field names.
std::string field_suggestion(const NamedType& parent, const std::string& name) {
  if (parent.is_abstract()) {
    std::vector<std::pair<const NamedType*, int>> types;  // with their usage counts
    auto count = [&](const NamedType* type) {
      for (auto& [known, uses] : types) {
        if (known == type) return void(++uses);
      }
      types.push_back({type, 1});
    };
    for (const NamedType* possible : parent.possible_types) {
      if (possible->field(name) == nullptr) continue;
      count(possible);
      for (const NamedType* interface : possible->interfaces) {
        if (interface->field(name) != nullptr) count(interface);
      }
    }
    std::stable_sort(types.begin(), types.end(), [](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second > b.second;
      if ((a.first->kind == TypeKind::kInterface) != (b.first->kind == TypeKind::kInterface)) {
        return a.first->kind == TypeKind::kInterface;
      }
      return a.first->name < b.first->name;
    });
    std::vector<std::string> names;
    for (const auto& [type, uses] : types) names.push_back(type->name);
    if (!names.empty()) return did_you_mean(names, "to use an inline fragment on");
    return "";
  }
  std::vector<std::string_view> options;
  for (const Field& field : parent.fields) options.push_back(field.name);
  return did_you_mean(suggestion_list(name, options));
}

void validate_field(ValidationContext& context, const NamedType* parent,
                    const ast::Selection& field) {
  const Field* definition = parent ? context.schema().find_field(*parent, field.name) : nullptr;
  if (parent != nullptr && definition == nullptr) {
    context.report("Cannot query field \"" + field.name + "\" on type \"" + parent->name + "\"." +
                       field_suggestion(*parent, field.name),
                   {field.location});
  }
  if (definition != nullptr) {
    validate_arguments(context, field.arguments, definition->arguments, false,
                       parent->name + "." + field.name, field.location);
  } else {
    for (const ast::Argument& argument : field.arguments) {
      validate_value(context, argument.value, nullptr, false);
    }
  }
  validate_directives(context, field.directives, "FIELD");
  const NamedType* child = nullptr;
  const bool has_selection = !field.selection_set.selections.empty();
  if (definition != nullptr) {
    const NamedType& named = *definition->type->named;
    if (named.is_leaf() && has_selection) {
      context.report("Field \"" + field.name + "\" must not have a selection since type \"" +
                         definition->type->to_string() + "\" has no subfields.",
                     {field.selection_set.location});
    } else if (!named.is_leaf() && !has_selection) {
      context.report("Field \"" + field.name + "\" of type \"" + definition->type->to_string() +
                         "\" must have a selection of subfields. Did you mean \"" + field.name +
                         " { ... }\"?",
                     {field.location});
    }
    if (named.is_composite()) child = &named;
  }
  if (has_selection) validate_selection_set(context, child, field.selection_set);
}

void validate_spread(ValidationContext& context, const NamedType* parent,
                     const ast::Selection& spread) {
  validate_directives(context, spread.directives, "FRAGMENT_SPREAD");
  context.scope().spreads.push_back(&spread);
  const ast::FragmentDefinition* fragment = context.fragment(spread.name);
  if (fragment == nullptr) {
    context.report("Unknown fragment \"" + spread.name + "\".", {spread.name_location});
    return;
  }
  const NamedType* type = context.schema().type(fragment->type_condition);
  if (parent != nullptr && type != nullptr && type->is_composite() &&
      !Schema::types_overlap(*parent, *type)) {
    context.report("Fragment \"" + spread.name + "\" cannot be spread here as objects of type \"" +
                       parent->name + "\" can never be of type \"" + type->name + "\".",
                   {spread.location});
  }
}

void validate_inline_fragment(ValidationContext& context, const NamedType* parent,
                              const ast::Selection& fragment) {
  validate_directives(context, fragment.directives, "INLINE_FRAGMENT");
  const NamedType* type = parent;
  if (!fragment.type_condition.empty()) {
    type = context.schema().type(fragment.type_condition);
    if (type == nullptr) {
      context.report(context.unknown_type(fragment.type_condition),
                     {fragment.type_condition_location});
    } else if (!type->is_composite()) {
      context.report("Fragment cannot condition on non composite type \"" + type->name + "\".",
                     {fragment.type_condition_location});
      type = nullptr;
    } else if (parent != nullptr && !Schema::types_overlap(*parent, *type)) {
      context.report("Fragment cannot be spread here as objects of type \"" + parent->name +
                         "\" can never be of type \"" + type->name + "\".",
                     {fragment.location});
    }
  }
  walk_selection_set(context, type, fragment.selection_set, false);
}

void walk_selection_set(ValidationContext& context, const NamedType* parent,
                        const ast::SelectionSet& selection_set, bool check_overlap) {
  for (const ast::Selection& selection : selection_set.selections) {
    if (context.full()) return;
    switch (selection.kind) {
      case ast::Selection::Kind::kField:
        validate_field(context, parent, selection);
        break;
      case ast::Selection::Kind::kFragmentSpread:
        validate_spread(context, parent, selection);
        break;
      case ast::Selection::Kind::kInlineFragment:
        validate_inline_fragment(context, parent, selection);
        break;
    }
  }
  // Inline fragments are compared with their enclosing selection set.
  if (check_overlap && parent != nullptr) check_overlaps(context, parent, selection_set);
}

}  // namespace

void validate_selection_set(ValidationContext& context, const NamedType* parent,
                            const ast::SelectionSet& selection_set) {
  walk_selection_set(context, parent, selection_set, true);
}

}  // namespace fafnir::graphql
