#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "server/graphql/ast.h"
#include "server/graphql/schema.h"

// The built-in scalars' coercion rules, with graphql-js's messages:
//   Int      32-bit signed integer; Float a finite double; String; Boolean;
//   ID       a string (integers accepted as input and output, written as strings);
//   Int64    64-bit signed integer, a JSON number on the wire (input also accepts a string of
//            digits, for clients without 64-bit integers);
//   custom   any JSON value, passed through.
// Each function returns false with *error set (no trailing period) when the value is refused.
namespace fafnir::graphql {

// Input: a literal in a document. REQUIRES: `literal` holds no variable.
bool parse_scalar_literal(const NamedType& scalar, const ast::Value& literal, nlohmann::json* out,
                          std::string* error);

// Input: a JSON value (a variable's value).
bool parse_scalar_value(const NamedType& scalar, const nlohmann::json& input, nlohmann::json* out,
                        std::string* error);

// Output: appends the JSON text of a resolved value.
bool serialize_scalar(const NamedType& scalar, const nlohmann::json& value, std::string* out,
                      std::string* error);

// Enums: names as literals (kEnum) or strings (JSON input and output).
bool parse_enum_literal(const NamedType& type, const ast::Value& literal, nlohmann::json* out,
                        std::string* error);
bool parse_enum_value(const NamedType& type, const nlohmann::json& input, nlohmann::json* out,
                      std::string* error);
bool serialize_enum(const NamedType& type, const nlohmann::json& value, std::string* out,
                    std::string* error);

// A literal as JSON without a type (custom scalars): objects, lists, numbers, strings, enums as
// strings. REQUIRES: `literal` holds no variable.
nlohmann::json literal_to_json(const ast::Value& literal);

// A JSON value for an error message, like graphql-js's inspect(): strings quoted.
std::string inspect(const nlohmann::json& value);

}  // namespace fafnir::graphql
