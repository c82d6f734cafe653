#pragma once

#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// The canonical form of an email address (surrounding spaces trimmed, ASCII lower case), or
// InvalidArgument naming what is wrong: empty, too long, no single '@', an empty local part, a
// domain without a dot, or characters outside printable ASCII.
Result<std::string> normalize_email(std::string_view email);

}  // namespace fafnir
