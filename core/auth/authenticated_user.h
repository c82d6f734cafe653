#pragma once

#include <string>

#include "core/common/timestamp.h"

namespace fafnir {

// The caller behind a verified, unrevoked token of an existing user.
struct AuthenticatedUser {
  std::string user_id;
  std::string email;
  std::string token_id;
  Timestamp token_expires_at;
};

}  // namespace fafnir
