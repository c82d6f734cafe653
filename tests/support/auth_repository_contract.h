#pragma once

#include "core/auth/auth_repository.h"

namespace fafnir {

// The behaviour every AuthRepository shares, as one story of Catch2 checks: registering, finding by
// email and id, a taken email, login failures, revoked tokens, removal (which forgets the
// user's login failures). REQUIRES: `repository` is empty.
void check_auth_repository_contract(AuthRepository& repository);

}  // namespace fafnir
