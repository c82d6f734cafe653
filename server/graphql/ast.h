#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/graphql/error.h"

// The syntax trees of GraphQL documents: executable documents (operations and fragments) and
// type-system documents (SDL). Nodes own their children; strings are owned copies, so a tree
// does not depend on the source text it was parsed from.
namespace fafnir::graphql::ast {

struct ObjectField;

// An input value literal. Constant values (defaults, SDL) never hold variables.
struct Value {
  enum class Kind : std::uint8_t {
    kVariable,  // text: the name without '$'
    kInt,       // text: the literal as written
    kFloat,     // text: the literal as written
    kString,    // text: the decoded value
    kBoolean,   // boolean
    kNull,
    kEnum,    // text: the enum value's name
    kList,    // list
    kObject,  // fields
  };

  Kind kind = Kind::kNull;
  SourceLocation location;
  std::string text;
  bool boolean = false;
  bool block_string = false;  // kString: written as a block string
  std::vector<Value> list;
  std::vector<ObjectField> fields;
};

struct ObjectField {
  std::string name;
  SourceLocation location;
  Value value;
};

// A type reference: a named type, a list of a type, or a non-null type.
struct Type {
  enum class Kind : std::uint8_t { kNamed, kList, kNonNull };

  Kind kind = Kind::kNamed;
  SourceLocation location;
  std::string name;               // kNamed
  std::unique_ptr<Type> of_type;  // kList, kNonNull

  // The innermost named type's name.
  const std::string& named_type() const {
    return kind == Kind::kNamed ? name : of_type->named_type();
  }
};

struct Argument {
  std::string name;
  SourceLocation location;
  Value value;
};

struct Directive {
  std::string name;
  SourceLocation location;
  std::vector<Argument> arguments;
};

struct Selection;

struct SelectionSet {
  SourceLocation location;
  std::vector<Selection> selections;
};

// A field, a fragment spread or an inline fragment.
struct Selection {
  enum class Kind : std::uint8_t { kField, kFragmentSpread, kInlineFragment };

  Kind kind = Kind::kField;
  SourceLocation location;
  std::string alias;                       // kField; empty when none
  std::string name;                        // kField: the field; kFragmentSpread: the fragment
  std::vector<Argument> arguments;         // kField
  std::string type_condition;              // kInlineFragment; empty when none
  SourceLocation name_location;            // kFragmentSpread: of the fragment's name
  SourceLocation type_condition_location;  // kInlineFragment with a type condition
  std::vector<Directive> directives;
  SelectionSet selection_set;  // kField (empty for leaves), kInlineFragment

  // kField: the key of the field in the response.
  const std::string& response_key() const { return alias.empty() ? name : alias; }
};

enum class OperationType : std::uint8_t { kQuery, kMutation, kSubscription };

// "query", "mutation" or "subscription".
std::string_view operation_type_name(OperationType type);

struct VariableDefinition {
  std::string name;              // without '$'
  SourceLocation location;       // of the '$'
  SourceLocation name_location;  // of the name after it
  Type type;
  std::optional<Value> default_value;
  std::vector<Directive> directives;
};

struct OperationDefinition {
  OperationType type = OperationType::kQuery;
  std::string name;  // empty for an anonymous operation
  SourceLocation location;
  SourceLocation name_location;
  std::vector<VariableDefinition> variables;
  std::vector<Directive> directives;
  SelectionSet selection_set;
};

struct FragmentDefinition {
  std::string name;
  SourceLocation location;
  SourceLocation name_location;
  std::string type_condition;
  SourceLocation type_condition_location;
  std::vector<Directive> directives;
  SelectionSet selection_set;
};

// An executable document, definitions in source order per kind.
struct Document {
  std::vector<OperationDefinition> operations;
  std::vector<FragmentDefinition> fragments;
};

// --- type system (SDL) ------------------------------------------------------------------------

struct InputValueDefinition {
  std::string description;
  std::string name;
  SourceLocation location;
  Type type;
  std::optional<Value> default_value;
  std::vector<Directive> directives;
};

struct FieldDefinition {
  std::string description;
  std::string name;
  SourceLocation location;
  std::vector<InputValueDefinition> arguments;
  Type type;
  std::vector<Directive> directives;
};

struct EnumValueDefinition {
  std::string description;
  std::string name;
  SourceLocation location;
  std::vector<Directive> directives;
};

struct TypeDefinition {
  enum class Kind : std::uint8_t { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };

  Kind kind = Kind::kScalar;
  std::string description;
  std::string name;
  SourceLocation location;
  std::vector<std::string> interfaces;  // kObject, kInterface
  std::vector<Directive> directives;
  std::vector<FieldDefinition> fields;             // kObject, kInterface
  std::vector<InputValueDefinition> input_fields;  // kInputObject
  std::vector<EnumValueDefinition> enum_values;    // kEnum
  std::vector<std::string> members;                // kUnion
};

struct DirectiveDefinition {
  std::string description;
  std::string name;  // without '@'
  SourceLocation location;
  std::vector<InputValueDefinition> arguments;
  bool repeatable = false;
  std::vector<std::string> locations;  // e.g. "FIELD", "FRAGMENT_SPREAD"
};

struct RootOperationType {
  OperationType operation = OperationType::kQuery;
  std::string type;
  SourceLocation location;
};

struct SchemaDefinition {
  std::string description;
  SourceLocation location;
  std::vector<Directive> directives;
  std::vector<RootOperationType> root_types;
};

// A type-system document. Extensions (`extend ...`) are not supported.
struct TypeSystemDocument {
  std::optional<SchemaDefinition> schema;
  std::vector<TypeDefinition> types;
  std::vector<DirectiveDefinition> directives;
};

// --- printing -----------------------------------------------------------------------------------

// GraphQL source text of a value, e.g. `{a: [1, "x"], b: ENUM}`, `$var`.
std::string print_value(const Value& value);

// GraphQL source text of a type, e.g. `[String!]!`.
std::string print_type(const Type& type);

}  // namespace fafnir::graphql::ast
