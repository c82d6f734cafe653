#pragma once

#include "core/common/status.h"

namespace fafnir {

// The process exit status for a command's result: 0 for OK, a distinct non-zero value per error
// code (documented in `fafnir --help`).
int exit_status_for(const Status& status);

}  // namespace fafnir
