#include "server/error_mapping.h"

namespace fafnir {

WireError wire_error(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return {200, "OK", "OK"};
    case ErrorCode::kInvalidArgument: return {400, "INVALID_INPUT", "INVALID_ARGUMENT"};
    case ErrorCode::kNotFound: return {404, "NOT_FOUND", "NOT_FOUND"};
    case ErrorCode::kAlreadyExists: return {409, "CONFLICT", "ALREADY_EXISTS"};
    case ErrorCode::kPermissionDenied: return {403, "FORBIDDEN", "PERMISSION_DENIED"};
    case ErrorCode::kFailedPrecondition: return {409, "CONFLICT", "FAILED_PRECONDITION"};
    case ErrorCode::kUnauthenticated: return {401, "UNAUTHORIZED", "UNAUTHENTICATED"};
    case ErrorCode::kResourceExhausted: return {429, "TOO_MANY_REQUESTS", "FAILED_PRECONDITION"};
    case ErrorCode::kInternal: return {500, "INTERNAL_ERROR", "INTERNAL"};
  }
  return {500, "INTERNAL_ERROR", "INTERNAL"};
}

}  // namespace fafnir
