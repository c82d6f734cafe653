#include "cli/cli_context.h"

#include <cstdlib>
#include <iostream>

namespace fafnir {

DataDirectory& CliContext::data_directory() {
  if (!data_directory_) {
    std::string path = options_.data_dir;
    if (path.empty()) {
      const char* from_env = std::getenv("FAFNIR_DATA_DIR");
      path = (from_env != nullptr && *from_env != '\0') ? from_env : "./fafnir-data";
    }
    data_directory_ = std::make_unique<DataDirectory>(path);
  }
  return *data_directory_;
}

Result<RequestedSettings> CliContext::requested_settings() const {
  RequestedSettings requested;
  requested.seed = options_.seed;
  if (!options_.start.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(requested.start, parse_rfc3339(options_.start));
  }
  if (!options_.session.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(requested.session, parse_session_mode(options_.session));
  }
  return requested;
}

Result<PlatformOptions> CliContext::platform_options(const DataDirectorySettings& settings) {
  PlatformOptions platform_options;
  platform_options.market.seed = settings.seed;
  platform_options.market.start = settings.start;
  platform_options.market.session = settings.session;
  platform_options.simulated_clock = simulated_clock_;
  platform_options.session_clock = &wall_clock_;
  if (options_.hash_cost == "fast") {
    platform_options.password_hashing = PasswordHashingOptions::fast_for_tests();
  }
  FAFNIR_ASSIGN_OR_RETURN(platform_options.jwt_secret, data_directory().jwt_secret());
  return platform_options;
}

Result<Platform*> CliContext::platform() {
  if (platform_) return platform_.get();
  DataDirectory& directory = data_directory();
  FAFNIR_RETURN_IF_ERROR(directory.ensure_exists());

  DataDirectorySettings defaults{0, start_of_utc_day(wall_clock_.now()), SessionMode::k24h};
  FAFNIR_ASSIGN_OR_RETURN(RequestedSettings requested, requested_settings());
  FAFNIR_ASSIGN_OR_RETURN(DataDirectorySettings settings, directory.settings(defaults, requested));
  FAFNIR_ASSIGN_OR_RETURN(Transport * transport, transports_.find(options_.transport));
  if (transport->shares_market()) {
    if (wall_clock_speed_.value_or(1.0) != 1.0) {
      return Status::InvalidArgument("the " + std::string(transport->name()) +
                                     " transport shares one market, whose time is wall time; "
                                     "--speed must be 1");
    }
    clock_ = std::make_unique<SystemClock>();
  } else if (wall_clock_speed_) {
    clock_ = std::make_unique<AcceleratedClock>(*wall_clock_speed_);
  } else {
    auto simulated = std::make_unique<ManualClock>(settings.start);
    simulated_clock_ = simulated.get();
    clock_ = std::move(simulated);
  }
  ids_ = std::make_unique<RandomIdGenerator>();

  FAFNIR_ASSIGN_OR_RETURN(Ports ports, transport->open({directory.path(), clock_.get()}));
  FAFNIR_ASSIGN_OR_RETURN(PlatformOptions platform_options, this->platform_options(settings));
  FAFNIR_ASSIGN_OR_RETURN(platform_, Platform::create(std::move(ports), *clock_, *ids_,
                                                      std::move(platform_options)));
  FAFNIR_RETURN_IF_ERROR(settle());
  return platform_.get();
}

Result<AuthenticatedUser> CliContext::current_user() {
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, this->platform());
  std::string token = options_.token;
  if (token.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<SavedSession> session, data_directory().load_session());
    if (!session) {
      return Status::Unauthenticated("not logged in; run `fafnir user login --email E --password P`");
    }
    token = session->token;
  }
  Result<AuthenticatedUser> user = platform->auth().authenticate(token);
  if (!user.ok()) {
    return Status::Unauthenticated(user.status().message() + "; log in again");
  }
  return user;
}

Result<Caller> CliContext::caller(std::string_view permission) {
  FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, current_user());
  FAFNIR_RETURN_IF_ERROR(platform_->security().require(user.user_id, permission));
  return Caller{platform_.get(), std::move(user)};
}

Status CliContext::settle() {
  if (!platform_) return Status::Ok();
  Result<std::size_t> settled = platform_->settle();
  return settled.status();
}

void CliContext::print(const nlohmann::json& data, const std::string& text) const {
  if (options_.json) {
    std::cout << data.dump(2) << '\n';
  } else {
    std::cout << text;
    if (!text.empty() && text.back() != '\n') std::cout << '\n';
  }
}

}  // namespace fafnir
