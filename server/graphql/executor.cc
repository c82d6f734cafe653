#include "server/graphql/executor.h"

#include "server/graphql/field_execution.h"
#include "server/graphql/input_values.h"
#include "server/graphql/scalars.h"

namespace fafnir::graphql {
namespace {

using Json = nlohmann::json;

ExecutionResult request_error(std::string_view code, std::vector<GraphqlError> errors) {
  return {true, request_error_body(code, std::move(errors))};
}

const PreparedOperation* choose_operation(const PreparedDocument& document, std::string_view name,
                                          std::string* error) {
  const auto& operations = document.operations();
  if (name.empty()) {
    if (operations.size() == 1) return &operations.front();
    *error = operations.empty() ? "Must provide an operation."
                                : "Must provide operation name if query contains multiple "
                                  "operations.";
    return nullptr;
  }
  for (const PreparedOperation& operation : operations) {
    if (operation.definition->name == name) return &operation;
  }
  *error = "Unknown operation named \"" + std::string(name) + "\".";
  return nullptr;
}

// CoerceVariableValues (spec §6.4.1); errors appended to *errors.
Json coerce_variables(const PreparedOperation& operation, const Json& given,
                      std::vector<GraphqlError>* errors) {
  Json coerced = Json::object();
  for (const PreparedVariable& variable : operation.variables) {
    const std::string& name = variable.definition->name;
    const SourceLocation location = variable.definition->location;
    const auto found = given.is_object() ? given.find(name) : given.end();
    if (!given.is_object() || found == given.end()) {
      if (variable.default_value) {
        coerced[name] = *variable.default_value;
      } else if (variable.type->is_non_null()) {
        errors->push_back({.message = "Variable \"$" + name + "\" of required type \"" +
                                      variable.type->to_string() + "\" was not provided.",
                           .locations = {location}});
      }
      continue;
    }
    if (found->is_null() && variable.type->is_non_null()) {
      errors->push_back({.message = "Variable \"$" + name + "\" of non-null type \"" +
                                    variable.type->to_string() + "\" must not be null.",
                         .locations = {location}});
      continue;
    }
    Json value;
    std::vector<InputError> problems;
    if (!coerce_input_value(*found, *variable.type, &value, &problems)) {
      for (const InputError& problem : problems) {
        std::string message =
            "Variable \"$" + name + "\" got invalid value " + inspect(problem.invalid_value);
        if (!problem.path.empty()) message += " at \"" + name + problem.path + "\"";
        errors->push_back({.message = message + "; " + problem.message, .locations = {location}});
      }
      continue;
    }
    coerced[name] = std::move(value);
  }
  return coerced;
}

}  // namespace

ExecutionResult execute(const Schema& schema, const ResolverTable& resolvers,
                        const PreparedDocument& document, const ExecutionRequest& request,
                        const ExecutionLimits& limits) {
  std::string error;
  const PreparedOperation* operation = choose_operation(document, request.operation_name, &error);
  if (operation == nullptr) {
    return request_error(error_codes::kValidationFailed, {GraphqlError{.message = error}});
  }
  const ast::OperationDefinition& definition = *operation->definition;
  if (definition.type == ast::OperationType::kMutation && !request.allow_mutation) {
    return request_error(
        error_codes::kValidationFailed,
        {GraphqlError{.message = "Can only perform a mutation operation from a POST request.",
                      .locations = {definition.location}}});
  }
  if (operation->root == nullptr || definition.type == ast::OperationType::kSubscription) {
    return request_error(
        error_codes::kValidationFailed,
        {GraphqlError{.message = "Schema is not configured to execute " +
                                 std::string(ast::operation_type_name(definition.type)) +
                                 " operation.",
                      .locations = {definition.location}}});
  }
  static const Json kNoVariables = Json::object();
  const Json& given = request.variables != nullptr && !request.variables->is_null()
                          ? *request.variables
                          : kNoVariables;
  if (!given.is_object()) {
    return request_error(error_codes::kBadUserInput,
                         {GraphqlError{.message = "Variables must be provided as a JSON object."}});
  }
  std::vector<GraphqlError> errors;
  Json coerced;
  const Json* variables = &kNoVariables;
  if (!operation->variables.empty()) {
    coerced = coerce_variables(*operation, given, &errors);
    if (!errors.empty()) return request_error(error_codes::kBadUserInput, std::move(errors));
    variables = &coerced;
  }

  static const std::any kNoContext;
  FieldExecution execution(schema, resolvers, document, *operation, *variables,
                           request.context != nullptr ? *request.context : kNoContext, limits);
  ExecutionResult result;
  result.body.reserve(512);
  result.body.append("{\"data\":");
  execution.run(&result.body);
  result.body.push_back('}');
  if (!execution.errors().empty()) {
    std::string body = "{\"errors\":";
    append_errors_json(execution.errors(), &body);
    body.push_back(',');
    body.append(result.body, 1, std::string::npos);
    result.body = std::move(body);
  }
  return result;
}

}  // namespace fafnir::graphql
