#pragma once

#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// The one place that maps fafnir's error codes to the wire.
struct WireError {
  unsigned http_status;        // e.g. 404
  std::string_view rest_code;  // REST error object's code, e.g. "NOT_FOUND"
  std::string_view graphql_code;  // GraphQL response `code` / extensions.code, e.g. "NOT_FOUND"
};

WireError wire_error(ErrorCode code);

}  // namespace fafnir
