#include "server/graphql/field_execution.h"

#include <algorithm>
#include <exception>

#include "server/graphql/input_values.h"
#include "core/common/json_writer.h"
#include "server/graphql/scalars.h"

namespace fafnir::graphql {
namespace {

using Json = nlohmann::json;

const Json& empty_object() {
  static const Json kEmpty = Json::object();
  return kEmpty;
}

const Json& null_json() {
  static const Json kNull;
  return kNull;
}

// Field groups found by a linear scan below this size, through an index above it.
constexpr std::size_t kIndexThreshold = 32;

}  // namespace

FieldExecution::FieldExecution(const Schema& schema, const ResolverTable& resolvers,
                               const PreparedDocument& document, const PreparedOperation& operation,
                               const Json& variables, const std::any& context,
                               const ExecutionLimits& limits)
    : schema_(schema),
      resolvers_(resolvers),
      document_(document),
      operation_(operation),
      variables_(variables),
      context_(context),
      limits_(limits) {}

void FieldExecution::run(std::string* out) {
  out_ = out;
  const ast::SelectionSet& selection_set = operation_.definition->selection_set;
  const FieldList* fields = document_.plan(selection_set, *operation_.root);
  FieldList collected;
  if (fields == nullptr) {
    std::vector<bool> visited;
    collect_fields(*operation_.root, selection_set, &collected, &visited);
    fields = &collected;
  }
  const std::size_t mark = out_->size();
  if (!execute_selection(*operation_.root, nullptr, *fields)) {
    out_->resize(mark);
    out_->append("null");
  }
}

bool FieldExecution::should_include(const std::vector<ast::Directive>& directives) const {
  for (const ast::Directive& directive : directives) {
    const bool skip = directive.name == "skip";
    if (!skip && directive.name != "include") continue;
    bool condition = false;
    for (const ast::Argument& argument : directive.arguments) {
      if (argument.name != "if") continue;
      if (argument.value.kind == ast::Value::Kind::kBoolean) {
        condition = argument.value.boolean;
      } else if (argument.value.kind == ast::Value::Kind::kVariable) {
        const auto found = variables_.find(argument.value.text);
        condition = found != variables_.end() && found->is_boolean() && found->get<bool>();
      }
    }
    if (skip == condition) return false;
  }
  return true;
}

bool FieldExecution::fragment_applies(const NamedType& type, const std::string& condition) const {
  if (condition.empty() || condition == type.name) return true;
  const NamedType* condition_type = schema_.type(condition);
  return condition_type != nullptr && condition_type->is_abstract() &&
         Schema::is_possible_type(*condition_type, type);
}

void FieldExecution::collect_fields(const NamedType& type, const ast::SelectionSet& selection_set,
                                    FieldList* fields, std::vector<bool>* visited_fragments) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (const ast::Selection& selection : selection_set.selections) {
    if (!should_include(selection.directives)) continue;
    switch (selection.kind) {
      case ast::Selection::Kind::kField: {
        const std::string& key = selection.response_key();
        CollectedField* group = nullptr;
        if (fields->size() < kIndexThreshold) {
          for (CollectedField& candidate : *fields) {
            if (candidate.node->response_key() == key) group = &candidate;
          }
        } else {
          if (index.empty()) {
            for (std::size_t i = 0; i < fields->size(); ++i) {
              index.emplace((*fields)[i].node->response_key(), i);
            }
          }
          const auto found = index.find(key);
          if (found != index.end()) group = &(*fields)[found->second];
        }
        if (group != nullptr) {
          group->more.push_back(&selection);
          break;
        }
        CollectedField& field = fields->emplace_back();
        field.node = &selection;
        field.definition = schema_.find_field(type, selection.name);
        field.parent = &type;
        if (!index.empty()) index.emplace(key, fields->size() - 1);
        break;
      }
      case ast::Selection::Kind::kFragmentSpread: {
        const ast::FragmentDefinition* fragment = document_.fragment(selection.name);
        if (fragment == nullptr) break;
        const std::size_t position = fragment - document_.document().fragments.data();
        if (visited_fragments->empty()) {
          visited_fragments->resize(document_.document().fragments.size());
        }
        if ((*visited_fragments)[position]) break;
        (*visited_fragments)[position] = true;
        if (!fragment_applies(type, fragment->type_condition)) break;
        collect_fields(type, fragment->selection_set, fields, visited_fragments);
        index.clear();  // stale after the nested collection
        break;
      }
      case ast::Selection::Kind::kInlineFragment:
        if (!fragment_applies(type, selection.type_condition)) break;
        collect_fields(type, selection.selection_set, fields, visited_fragments);
        index.clear();
        break;
    }
  }
}

bool FieldExecution::execute_selection(const NamedType& type, const Json* parent,
                                       const FieldList& fields) {
  out_->push_back('{');
  bool first = true;
  for (const CollectedField& field : fields) {
    if (!first) out_->push_back(',');
    first = false;
    const std::string& key = field.node->response_key();
    out_->push_back('"');
    out_->append(key);  // a GraphQL name: nothing to escape
    out_->append("\":");
    const std::size_t mark = out_->size();
    path_.push_back({key, 0});
    const bool ok = execute_field(type, parent, field);
    path_.pop_back();
    if (!ok) {
      if (field.definition->type->is_non_null()) return false;
      out_->resize(mark);
      out_->append("null");
    }
  }
  out_->push_back('}');
  return true;
}

bool FieldExecution::execute_field(const NamedType& type, const Json* parent,
                                   const CollectedField& field) {
  const Field& definition = *field.definition;
  if (&definition == &schema_.typename_field()) {
    append_json_string(type.name, out_);
    return true;
  }
  if (!charge()) return false;
  Json owned_arguments;
  const Json* arguments = &empty_object();
  if (!definition.arguments.empty()) {
    if (!coerce_arguments(field, &owned_arguments)) return false;
    arguments = &owned_arguments;
  }
  const FieldResult result = resolve(type, parent, field, *arguments);
  if (const FieldError* error = result.error()) {
    add_error(error->message, field, error->code);
    if (result.value().is_null()) return false;
  }
  return complete_value(*definition.type, result.value(), field);
}

FieldResult FieldExecution::resolve(const NamedType& type, const Json* parent,
                                    const CollectedField& field, const Json& arguments) {
  const Field& definition = *field.definition;
  const ResolveContext context{&context_, type.name, definition.name, operation_.definition->name};
  try {
    if (parent == nullptr) {
      const RootResolver* resolver = resolvers_.root(definition);
      if (resolver == nullptr) {
        return FieldError{"No resolver for " + type.name + "." + definition.name + ".", "INTERNAL"};
      }
      return (*resolver)(context, arguments);
    }
    if (const FieldResolver* resolver = resolvers_.field(definition)) {
      return (*resolver)(context, *parent, arguments);
    }
  } catch (const std::exception& exception) {
    return FieldError{std::string("Internal error: ") + exception.what(), "INTERNAL"};
  } catch (...) {
    return FieldError{"Internal error.", "INTERNAL"};
  }
  if (parent->is_object()) {
    const auto found = parent->find(definition.name);
    if (found != parent->end()) return FieldResult::Borrowed(*found);
  }
  return FieldResult::Borrowed(null_json());
}

bool FieldExecution::coerce_arguments(const CollectedField& field, Json* arguments) {
  *arguments = Json::object();
  const auto& given_arguments = field.node->arguments;
  for (const InputValue& definition : field.definition->arguments) {
    const auto given = std::find_if(
        given_arguments.begin(), given_arguments.end(),
        [&](const ast::Argument& argument) { return argument.name == definition.name; });
    const bool non_null = definition.type->is_non_null();
    if (given == given_arguments.end() || (given->value.kind == ast::Value::Kind::kVariable &&
                                           !variables_.contains(given->value.text))) {
      if (definition.default_value) {
        (*arguments)[definition.name] = *definition.default_value;
      } else if (non_null) {
        add_error("Argument \"" + definition.name + "\" of required type \"" +
                      definition.type->to_string() + "\" " +
                      (given == given_arguments.end()
                           ? std::string("was not provided.")
                           : "was provided the variable \"$" + given->value.text +
                                 "\" which was not provided a runtime value."),
                  field, error_codes::kBadUserInput);
        return false;
      }
      continue;
    }
    Json value;
    std::string error;
    if (!coerce_literal(given->value, *definition.type, &variables_, &value, &error)) {
      add_error("Argument \"" + definition.name + "\" has invalid value " +
                    ast::print_value(given->value) + ": " + error,
                field, error_codes::kBadUserInput);
      return false;
    }
    (*arguments)[definition.name] = std::move(value);
  }
  return true;
}

bool FieldExecution::complete_value(const TypeRef& type, const Json& value,
                                    const CollectedField& field) {
  if (type.is_non_null()) {
    if (value.is_null()) {
      add_error("Cannot return null for non-nullable field " + field.parent->name + "." +
                    field.definition->name + ".",
                field, error_codes::kInternal);
      return false;
    }
    return complete_value(*type.of_type, value, field);
  }
  if (value.is_null()) {
    out_->append("null");
    return true;
  }
  if (type.is_list()) {
    if (!value.is_array()) {
      add_error("Expected Iterable, but did not find one for field \"" + field.parent->name + "." +
                    field.definition->name + "\".",
                field, error_codes::kInternal);
      return false;
    }
    const TypeRef& item_type = *type.of_type;
    out_->push_back('[');
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i > 0) out_->push_back(',');
      const std::size_t mark = out_->size();
      path_.push_back({{}, i});
      const bool ok = charge() && complete_value(item_type, value[i], field);
      path_.pop_back();
      if (!ok) {
        if (item_type.is_non_null()) return false;
        out_->resize(mark);
        out_->append("null");
      }
    }
    out_->push_back(']');
    return true;
  }
  const NamedType& named = *type.named;
  std::string error;
  switch (named.kind) {
    case TypeKind::kScalar:
      if (serialize_scalar(named, value, out_, &error)) return true;
      add_error(error, field, error_codes::kInternal);
      return false;
    case TypeKind::kEnum:
      if (serialize_enum(named, value, out_, &error)) return true;
      add_error(error, field, error_codes::kInternal);
      return false;
    case TypeKind::kObject:
      return complete_object(named, value, field);
    case TypeKind::kInterface:
    case TypeKind::kUnion: {
      const NamedType* runtime = nullptr;
      const auto found = value.is_object() ? value.find("__typename") : value.end();
      if (value.is_object() && found != value.end() && found->is_string()) {
        runtime = schema_.type(found->get_ref<const std::string&>());
      } else if (named.possible_types.size() == 1) {
        runtime = named.possible_types.front();
      }
      if (runtime == nullptr || runtime->kind != TypeKind::kObject ||
          !Schema::is_possible_type(named, *runtime)) {
        add_error("Abstract type \"" + named.name +
                      "\" must resolve to an Object type at "
                      "runtime for field \"" +
                      field.parent->name + "." + field.definition->name +
                      "\": the value needs a \"__typename\" naming one of its possible types.",
                  field, error_codes::kInternal);
        return false;
      }
      return complete_object(*runtime, value, field);
    }
    case TypeKind::kInputObject:
      break;
  }
  add_error("Cannot complete a value of input type \"" + named.name + "\".", field,
            error_codes::kInternal);
  return false;
}

bool FieldExecution::complete_object(const NamedType& type, const Json& value,
                                     const CollectedField& field) {
  if (!value.is_object()) {
    add_error("Expected a JSON object for field \"" + field.parent->name + "." +
                  field.definition->name + "\" of type \"" + type.name + "\".",
              field, error_codes::kInternal);
    return false;
  }
  if (field.more.empty()) {
    if (const FieldList* plan = document_.plan(field.node->selection_set, type)) {
      return execute_selection(type, &value, *plan);
    }
  }
  FieldList fields;
  std::vector<bool> visited;
  collect_fields(type, field.node->selection_set, &fields, &visited);
  for (const ast::Selection* node : field.more) {
    visited.clear();
    collect_fields(type, node->selection_set, &fields, &visited);
  }
  return execute_selection(type, &value, fields);
}

bool FieldExecution::charge() {
  if (aborted_) return false;
  if (++values_ <= limits_.max_values) return true;
  aborted_ = true;
  errors_.push_back({"Execution stopped: the result would hold more than " +
                         std::to_string(limits_.max_values) + " values.",
                     {},
                     path_json(),
                     std::string(error_codes::kBadUserInput)});
  return false;
}

void FieldExecution::add_error(std::string message, const CollectedField& field,
                               std::string_view code) {
  GraphqlError& error = errors_.emplace_back();
  error.message = std::move(message);
  error.locations.push_back(field.node->location);
  for (const ast::Selection* node : field.more) error.locations.push_back(node->location);
  error.path = path_json();
  error.code = code;
}

Json FieldExecution::path_json() const {
  Json path = Json::array();
  for (const PathEntry& entry : path_) {
    if (entry.key.empty()) {
      path.push_back(entry.index);
    } else {
      path.push_back(entry.key);
    }
  }
  return path;
}

}  // namespace fafnir::graphql
