#pragma once

#include <any>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/common/status.h"

namespace fafnir::graphql {

// What a resolver learns about the field it resolves, besides arguments and parent.
struct ResolveContext {
  const std::any* context = nullptr;  // the request's host context (never null)
  std::string_view parent_type;       // "Query", "Mutation", or the object type
  std::string_view field_name;
  std::string_view operation_name;  // empty for an anonymous operation

  // The host context if it holds a T, else nullptr.
  template <typename T>
  const T* get() const {
    return std::any_cast<T>(context);
  }
};

// An error reported in the response's `errors`, at the field's path and location.
struct FieldError {
  std::string message;
  std::string code;  // `extensions.code`, e.g. "NOT_FOUND"; empty: no extensions
};

// What a resolver returns: a JSON value, an error (the field is then null), or both (the value
// is used and the error reported). Objects are plain JSON objects holding the type's fields
// by name (a missing key reads as null); the executor projects the selected fields, recursing
// through lists and nested objects, checks nullability and serializes scalars by schema type.
// A value of an interface or union type names its object type in the key "__typename".
class FieldResult {
 public:
  FieldResult(nlohmann::json value) : owned_(std::move(value)) {}  // NOLINT
  FieldResult(FieldError error) : error_(std::move(error)) {}      // NOLINT
  // REQUIRES: !status.ok(). The message, with the code's name (status.h) as `extensions.code`.
  FieldResult(const Status& status)  // NOLINT
      : error_(FieldError{status.message(), std::string(error_code_name(status.code()))}) {}
  FieldResult(Result<nlohmann::json> result)  // NOLINT
      : FieldResult(result.ok() ? FieldResult(std::move(result).value())
                                : FieldResult(result.status())) {}

  // The value, with `error` also reported (e.g. an operation's response object that carries a
  // failure code and says why in `errors`).
  static FieldResult WithError(nlohmann::json value, FieldError error) {
    FieldResult result(std::move(value));
    result.error_ = std::move(error);
    return result;
  }
  // A value that is not copied. REQUIRES: `value` stays valid until the field is completed
  // (static data, or a part of the parent passed to a field resolver).
  static FieldResult Borrowed(const nlohmann::json& value) {
    FieldResult result(nlohmann::json{});
    result.borrowed_ = &value;
    return result;
  }

  const nlohmann::json& value() const { return borrowed_ != nullptr ? *borrowed_ : owned_; }
  const FieldError* error() const { return error_ ? &*error_ : nullptr; }

 private:
  nlohmann::json owned_;
  const nlohmann::json* borrowed_ = nullptr;
  std::optional<FieldError> error_;
};

// Resolves a field of the Query or Mutation type. `arguments` is a JSON object of the coerced
// arguments (defaults applied; arguments neither given nor defaulted are absent). Called
// concurrently from several threads: must be thread-safe. Exceptions are caught and reported
// as INTERNAL field errors, but should not be used.
using RootResolver =
    std::function<FieldResult(const ResolveContext& context, const nlohmann::json& arguments)>;

// Resolves a field of an object type from its parent object's JSON value, for fields that are
// computed rather than read from the parent. Same contract as RootResolver.
using FieldResolver = std::function<FieldResult(
    const ResolveContext& context, const nlohmann::json& parent, const nlohmann::json& arguments)>;

struct Resolvers {
  std::unordered_map<std::string, RootResolver> query;     // by Query field name
  std::unordered_map<std::string, RootResolver> mutation;  // by Mutation field name
  // By "Type.field". Fields without one read the parent's key of the field's name.
  std::unordered_map<std::string, FieldResolver> fields;
};

}  // namespace fafnir::graphql
