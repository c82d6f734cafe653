#include "core/platform/platform.h"

namespace fafnir {
namespace {

std::vector<Outbox*> borrow(const std::vector<std::unique_ptr<Outbox>>& outboxes) {
  std::vector<Outbox*> borrowed;
  for (const auto& outbox : outboxes) borrowed.push_back(outbox.get());
  return borrowed;
}

constexpr int kMaxSettleRounds = 1000;

}  // namespace

Platform::Platform(Ports ports, const Clock& clock, IdGenerator& ids, PlatformOptions options)
    : ports_(std::move(ports)),
      clock_(clock),
      hasher_(options.password_hashing),
      jwt_(std::move(options.jwt_secret)),
      auth_(*ports_.auth, hasher_, jwt_, clock, ids, options.login_throttling),
      security_(*ports_.security),
      users_(*ports_.profiles),
      relay_(borrow(ports_.outboxes), *ports_.stream) {}

Result<std::unique_ptr<Platform>> Platform::create(Ports ports, const Clock& clock,
                                                   IdGenerator& ids, PlatformOptions options) {
  if (options.jwt_secret.empty()) return Status::InvalidArgument("a JWT secret is required");
  std::unique_ptr<Platform> platform(
      new Platform(std::move(ports), clock, ids, std::move(options)));
  EventStream& stream = *platform->ports_.stream;
  std::vector<std::string> user_subjects{"users.>"};
  FAFNIR_RETURN_IF_ERROR(stream.subscribe(
      {std::string(kSecurityConsumer), user_subjects},
      [security = &platform->security_](const Delivery& d) { return security->on_user_event(d); }));
  FAFNIR_RETURN_IF_ERROR(stream.subscribe(
      {std::string(kUserConsumer), user_subjects},
      [users = &platform->users_](const Delivery& d) { return users->on_user_event(d); }));
  return platform;
}

Result<std::size_t> Platform::settle() {
  std::size_t delivered = 0;
  for (int round = 0; round < kMaxSettleRounds; ++round) {
    FAFNIR_ASSIGN_OR_RETURN(std::size_t relayed, relay_.relay_pending());
    FAFNIR_ASSIGN_OR_RETURN(std::size_t dispatched, ports_.stream->dispatch());
    delivered += dispatched;
    if (relayed == 0 && dispatched == 0) return delivered;
  }
  return Status::Internal("events kept causing events after 1000 rounds; giving up settling");
}

}  // namespace fafnir

