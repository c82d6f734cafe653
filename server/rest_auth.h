#pragma once

#include <functional>

#include "core/platform/platform.h"
#include "server/address_throttle.h"
#include "server/http_types.h"

namespace fafnir {

// The REST auth endpoints of SPEC §6. Thread-safe.
class RestAuth {
 public:
  // Borrows everything. `changed` is called after a change whose events must be handled soon.
  RestAuth(Platform& platform, AddressThrottle& address_throttle, std::function<void()> changed)
      : platform_(platform), address_throttle_(address_throttle), changed_(std::move(changed)) {}

  // POST /auth/register {email,password,firstName,lastName} -> 201 {userId,message}.
  HttpResponse register_user(const HttpRequest& request);
  // POST /auth/login {email,password} -> 200 {message} with auth_token and csrf_token cookies;
  // with ?token=1 the JWT is also in the body.
  HttpResponse login(const HttpRequest& request, const RequestInfo& info);
  // GET /auth/me -> {userId,email}.
  HttpResponse me(const HttpRequest& request);
  // DELETE /auth/logout -> 204, cookies cleared.
  HttpResponse logout(const HttpRequest& request);
  // DELETE /auth/delete -> 204: the user is deleted everywhere, cookies cleared.
  HttpResponse delete_user(const HttpRequest& request);

 private:
  Platform& platform_;
  AddressThrottle& address_throttle_;
  std::function<void()> changed_;
};

}  // namespace fafnir
