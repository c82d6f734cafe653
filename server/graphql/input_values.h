#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/graphql/ast.h"
#include "server/graphql/schema.h"

// Input coercion (spec §3.10 and §6.4.1): from literals and from JSON to the JSON values that
// resolvers receive. Int and Int64 become JSON integers, Float a JSON double, ID a string, enums
// their name, input objects JSON objects with defaults filled in, lists arrays (a single value
// where a list is expected becomes a list of one).
namespace fafnir::graphql {

// ValueFromAST: the value of `literal` as `type`. `variables` holds the coerced variable values
// by name (a name that is absent was not provided; nullptr: no variables). A variable that was
// not provided counts as null inside lists and as an absent field inside input objects. False
// with *error set when the literal is not a valid `type`.
bool coerce_literal(const ast::Value& literal, const TypeRef& type, const nlohmann::json* variables,
                    nlohmann::json* out, std::string* error);

// One problem found by coerce_input_value().
struct InputError {
  std::string path;              // where, e.g. ".request.quantity" or "[2]"; empty: the value
  nlohmann::json invalid_value;  // the value found there
  std::string message;
};

// CoerceInputValue: `input` as `type`; false with every problem appended to *errors.
bool coerce_input_value(const nlohmann::json& input, const TypeRef& type, nlohmann::json* out,
                        std::vector<InputError>* errors);

}  // namespace fafnir::graphql
