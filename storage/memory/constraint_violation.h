#pragma once

#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// What a memory store answers when a write would break a constraint of its SQLite counterpart's
// schema (primary or unique key, CHECK, foreign key): AlreadyExists with the constraint, the code
// the SQLite adapter gives every constraint violation, so that services see the same outcome on
// both. `constraint` reads like SQLite's message, e.g. "CHECK constraint failed: balance >= 0".
inline Status constraint_violation(std::string_view constraint) {
  return Status::AlreadyExists("constraint violated: " + std::string(constraint));
}

}  // namespace fafnir
