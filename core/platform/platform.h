#pragma once

#include <memory>
#include <string>

#include "core/auth/auth_service.h"
#include "core/common/clock.h"
#include "core/common/id_generator.h"
#include "core/events/outbox_relay.h"
#include "core/platform/ports.h"
#include "core/security/security_service.h"
#include "core/user/user_service.h"

namespace fafnir {

struct PlatformOptions {
  PasswordHashingOptions password_hashing;  // default: production-strength argon2id
  LoginThrottling login_throttling;         // default: lock out after 5 failures, from 30 s
  std::string jwt_secret;                   // required; the HMAC key of access tokens
};

// The services of fafnir wired to one set of ports, with each service's event consumer subscribed
// to the stream. Thread-safe, except that settle() calls must not overlap.
class Platform {
 public:
  // Consumer group names, one per consuming service.
  static constexpr std::string_view kSecurityConsumer = "security";
  static constexpr std::string_view kUserConsumer = "user";

  // `clock` and `ids` are borrowed and must outlive the platform.
  static Result<std::unique_ptr<Platform>> create(Ports ports, const Clock& clock,
                                                  IdGenerator& ids, PlatformOptions options);

  AuthService& auth() { return auth_; }
  SecurityService& security() { return security_; }
  UserService& users() { return users_; }
  EventStream& stream() { return *ports_.stream; }
  const Clock& clock() const { return clock_; }

  // Publishes committed outbox events and delivers everything due, repeating until nothing is
  // left (events handled may cause further events). Returns the number of deliveries made.
  Result<std::size_t> settle();

 private:
  Platform(Ports ports, const Clock& clock, IdGenerator& ids, PlatformOptions options);

  Ports ports_;
  const Clock& clock_;
  PasswordHasher hasher_;
  JwtCodec jwt_;
  AuthService auth_;
  SecurityService security_;
  UserService users_;
  OutboxRelay relay_;
};

}  // namespace fafnir
