#include "cli/exit_status.h"

namespace fafnir {

int exit_status_for(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk: return 0;
    case ErrorCode::kInternal: return 1;
    case ErrorCode::kInvalidArgument: return 2;
    case ErrorCode::kNotFound: return 3;
    case ErrorCode::kAlreadyExists: return 4;
    case ErrorCode::kPermissionDenied: return 5;
    case ErrorCode::kFailedPrecondition: return 6;
    case ErrorCode::kUnauthenticated: return 7;
    case ErrorCode::kResourceExhausted: return 8;
  }
  return 1;
}

}  // namespace fafnir
