#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/status.h"

namespace fafnir::graphql {

enum class TypeKind : std::uint8_t { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };

// How a scalar's values are read and written; see scalars.h.
enum class ScalarKind : std::uint8_t { kInt, kFloat, kString, kBoolean, kId, kInt64, kCustom };

struct NamedType;

// A type as written at a use site: a named type wrapped in lists and non-nulls. Immutable.
struct TypeRef {
  enum class Kind : std::uint8_t { kNamed, kList, kNonNull };

  Kind kind = Kind::kNamed;
  const NamedType* named = nullptr;  // the innermost named type, for every kind
  const TypeRef* of_type = nullptr;  // kList, kNonNull

  bool is_non_null() const { return kind == Kind::kNonNull; }
  bool is_list() const { return kind == Kind::kList; }
  // The type without its outer non-null, if any.
  const TypeRef& nullable() const { return kind == Kind::kNonNull ? *of_type : *this; }
  // e.g. "[String!]!".
  std::string to_string() const;
};

// Structural equality.
bool same_type(const TypeRef& a, const TypeRef& b);

// An argument or an input object field.
struct InputValue {
  std::string name;
  std::string description;
  const TypeRef* type = nullptr;
  std::optional<nlohmann::json> default_value;  // coerced; none when no default
  std::string default_literal;                  // the default as GraphQL text, for introspection
  bool deprecated = false;
  std::string deprecation_reason;
};

struct Field {
  std::string name;
  std::string description;
  std::vector<InputValue> arguments;
  const TypeRef* type = nullptr;
  bool deprecated = false;
  std::string deprecation_reason;
  const NamedType* parent = nullptr;
  std::uint32_t id = 0;  // dense over the schema's fields, meta fields included

  const InputValue* argument(std::string_view name) const;
};

struct EnumValue {
  std::string name;
  std::string description;
  bool deprecated = false;
  std::string deprecation_reason;
};

struct NamedType {
  TypeKind kind = TypeKind::kScalar;
  std::string name;
  std::string description;
  ScalarKind scalar = ScalarKind::kCustom;       // kScalar
  std::string specified_by_url;                  // kScalar; empty when none
  std::vector<Field> fields;                     // kObject, kInterface
  std::vector<const NamedType*> interfaces;      // kObject, kInterface
  std::vector<const NamedType*> possible_types;  // kInterface, kUnion: the object types
  std::vector<EnumValue> enum_values;            // kEnum
  std::vector<InputValue> input_fields;          // kInputObject
  TypeRef ref;                                   // this type, unwrapped

  // Own fields only (no meta fields); nullptr when absent.
  const Field* field(std::string_view name) const;
  const InputValue* input_field(std::string_view name) const;
  const EnumValue* enum_value(std::string_view name) const;

  bool is_composite() const {
    return kind == TypeKind::kObject || kind == TypeKind::kInterface || kind == TypeKind::kUnion;
  }
  bool is_abstract() const { return kind == TypeKind::kInterface || kind == TypeKind::kUnion; }
  bool is_leaf() const { return kind == TypeKind::kScalar || kind == TypeKind::kEnum; }
  bool is_input() const { return is_leaf() || kind == TypeKind::kInputObject; }
  bool is_output() const { return kind != TypeKind::kInputObject; }

  std::unordered_map<std::string_view, std::size_t> field_index;  // filled by the builder
};

struct Directive {
  std::string name;  // without '@'
  std::string description;
  std::vector<InputValue> arguments;
  bool repeatable = false;
  std::vector<std::string> locations;  // "FIELD", "FRAGMENT_SPREAD", ...

  const InputValue* argument(std::string_view name) const;
  bool allowed_at(std::string_view location) const;
};

// A GraphQL schema: the types of an SDL document plus the built-in scalars (Int, Float, String,
// Boolean, ID), the built-in directives (@skip, @include, @deprecated, @specifiedBy) and the
// introspection types. A scalar named Int64 reads and writes 64-bit integers. Immutable after
// build(), so safe to share between threads.
class Schema {
 public:
  // InvalidArgument naming the line and column of the first problem: syntax errors, unknown or
  // duplicate types, fields, arguments or directives, input types used as outputs or the
  // reverse, invalid defaults, objects not implementing their interfaces, a missing query type.
  static Result<std::shared_ptr<const Schema>> build(std::string_view sdl);

  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  const std::string& description() const { return description_; }
  // nullptr for an unknown name.
  const NamedType* type(std::string_view name) const;
  const NamedType* query_type() const { return query_; }
  const NamedType* mutation_type() const { return mutation_; }          // may be null
  const NamedType* subscription_type() const { return subscription_; }  // may be null
  // The types reported by introspection, in a stable order: the SDL's in source order, the
  // built-in scalars in use, then the introspection types.
  const std::vector<const NamedType*>& types() const { return listed_types_; }
  const std::deque<Directive>& directives() const { return directives_; }
  const Directive* directive(std::string_view name) const;

  // The field `name` of `parent`, including the meta fields __typename (on every composite type)
  // and __schema and __type (on the query type); nullptr when absent.
  const Field* find_field(const NamedType& parent, std::string_view name) const;
  const Field& typename_field() const { return typename_field_; }
  const Field& schema_field() const { return schema_field_; }
  const Field& type_field() const { return type_field_; }
  // Field ids are below this.
  std::uint32_t field_count() const { return field_count_; }

  // Whether the object type `object` is `abstract` or one of its possible types.
  static bool is_possible_type(const NamedType& abstract, const NamedType& object);
  // Whether some object type could be of both composite types.
  static bool types_overlap(const NamedType& a, const NamedType& b);
  // Whether a value of type `sub` is always valid where `super` is expected.
  static bool is_subtype(const TypeRef& sub, const TypeRef& super);

 private:
  friend class SchemaBuilder;
  Schema() = default;

  std::string description_;
  std::deque<NamedType> type_storage_;
  std::deque<TypeRef> ref_storage_;
  std::unordered_map<std::string_view, const NamedType*> types_by_name_;
  std::unordered_map<std::string, const TypeRef*> interned_refs_;
  std::vector<const NamedType*> listed_types_;
  std::deque<Directive> directives_;
  const NamedType* query_ = nullptr;
  const NamedType* mutation_ = nullptr;
  const NamedType* subscription_ = nullptr;
  Field typename_field_;
  Field schema_field_;
  Field type_field_;
  std::uint32_t field_count_ = 0;
};

}  // namespace fafnir::graphql
