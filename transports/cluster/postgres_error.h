#pragma once

#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// The Status for a PostgreSQL error by its SQLSTATE: every integrity constraint violation (class
// 23: unique, foreign key, CHECK, NOT NULL) is AlreadyExists, the code the SQLite adapter gives
// every constraint violation, so services see the same outcome on both; data errors (class 22) are
// InvalidArgument; serialization failures and deadlocks (40001, 40P01), which the caller may retry,
// are ResourceExhausted; everything else (connection loss, syntax, permissions) is Internal. The
// message keeps the SQLSTATE.
Status status_from_sqlstate(std::string_view sqlstate, std::string_view message);

}  // namespace fafnir
