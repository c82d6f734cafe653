#pragma once

#include "core/security/security_repository.h"
#include "core/user/profile_repository.h"

namespace fafnir {

// The behaviour every SecurityRepository shares, as one story of Catch2 checks: the roles and
// permissions of kRoleGrants, idempotent assignment, unknown roles, removing a user.
// REQUIRES: `repository` holds no user.
void check_security_repository_contract(SecurityRepository& repository);

// The behaviour every ProfileRepository shares: the first profile of a user is kept, removal is
// idempotent. REQUIRES: `repository` is empty.
void check_profile_repository_contract(ProfileRepository& repository);

}  // namespace fafnir
