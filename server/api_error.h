#pragma once

#include <string>

#include "core/common/status.h"
#include "server/http_types.h"

namespace fafnir {

// The REST error body {"error":{"code","message","details"}} with its HTTP status.
HttpResponse error_response(unsigned http_status, std::string_view code, std::string_view message,
                            std::string_view details = {});

// error_response() for a Status, mapped through wire_error().
HttpResponse error_response(const Status& status);

// A JSON response with `body` (already serialized).
HttpResponse json_response(unsigned http_status, std::string body);

}  // namespace fafnir
