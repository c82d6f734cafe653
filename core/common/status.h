#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace fafnir {

// The one error vocabulary of fafnir. Front ends map each code to their wire format in one place
// (HTTP status, GraphQL `code`, CLI exit status); the core never talks in those terms.
enum class ErrorCode {
  kOk,
  kInvalidArgument,     // the input is malformed or out of range; nothing was changed
  kNotFound,            // the entity does not exist, or is not visible to the caller
  kAlreadyExists,       // a unique thing (email, id) is taken
  kPermissionDenied,    // authenticated, but not allowed
  kFailedPrecondition,  // valid input, but the current state refuses it
  kUnauthenticated,     // missing, bad or expired credentials
  kResourceExhausted,   // throttled; retry later
  kInternal,            // a bug or a broken environment (disk, database, corrupt data)
};

std::string_view error_code_name(ErrorCode code);

// A success or an error with a human-readable message. Cheap to copy on success.
class [[nodiscard]] Status {
 public:
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message) {
    return {ErrorCode::kInvalidArgument, std::move(message)};
  }
  static Status NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Status AlreadyExists(std::string message) {
    return {ErrorCode::kAlreadyExists, std::move(message)};
  }
  static Status PermissionDenied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message)};
  }
  static Status FailedPrecondition(std::string message) {
    return {ErrorCode::kFailedPrecondition, std::move(message)};
  }
  static Status Unauthenticated(std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(message)};
  }
  static Status ResourceExhausted(std::string message) {
    return {ErrorCode::kResourceExhausted, std::move(message)};
  }
  static Status Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "<CODE>: <message>", or "OK".
  std::string to_string() const;

  // A copy whose message is prefixed with `context: `; the code is kept.
  Status with_context(std::string_view context) const;

 private:
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  // REQUIRES: !status.ok()
  Result(Status status) : state_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace fafnir

// Returns the Status of `expr` from the enclosing function when it is not OK.
#define FAFNIR_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::fafnir::Status fafnir_status_ = (expr); \
    if (!fafnir_status_.ok()) return fafnir_status_; \
  } while (false)

#define FAFNIR_CONCAT_INNER(a, b) a##b
#define FAFNIR_CONCAT(a, b) FAFNIR_CONCAT_INNER(a, b)

// Declares `lhs` from the value of the Result `rexpr`, or returns its Status.
#define FAFNIR_ASSIGN_OR_RETURN(lhs, rexpr)                                  \
  auto FAFNIR_CONCAT(fafnir_result_, __LINE__) = (rexpr);                   \
  if (!FAFNIR_CONCAT(fafnir_result_, __LINE__).ok())                        \
    return FAFNIR_CONCAT(fafnir_result_, __LINE__).status();                \
  lhs = std::move(FAFNIR_CONCAT(fafnir_result_, __LINE__)).value()
