#include <iostream>

#include "cli/commands.h"
#include "cli/temp_directory.h"
#include "core/common/encoding.h"
#include "transports/embedded/embedded_transport.h"

namespace fafnir {
namespace {

void step(const std::string& title) { std::cout << "\n== " << title << '\n'; }

void outcome(const Status& status) {
  std::cout << "   -> " << (status.ok() ? "ok" : status.to_string()) << '\n';
}

Status run_demo(const std::string& requested_dir) {
  std::filesystem::path dir = requested_dir;
  if (dir.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(dir, make_temp_directory("fafnir-demo"));
  }
  ManualClock clock(*parse_rfc3339("2026-01-05T14:30:00Z"));
  RandomIdGenerator ids;
  EmbeddedTransport transport;
  FAFNIR_ASSIGN_OR_RETURN(Ports ports, transport.open({dir, &clock}));
  PlatformOptions options;
  options.jwt_secret = random_token();
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<Platform> platform,
                          Platform::create(std::move(ports), clock, ids, std::move(options)));
  AuthService& auth = platform->auth();

  std::cout << "fafnir demo: identity services on the embedded transport\n"
            << "data directory: " << dir.string() << " (one SQLite file per service)\n";

  step("Register ada@example.com (argon2id password hash, publishes users.registered)");
  FAFNIR_ASSIGN_OR_RETURN(std::string user_id,
                          auth.register_user({"ada@example.com", "correct horse", "Ada", "Lovelace"}));
  FAFNIR_ASSIGN_OR_RETURN(std::size_t delivered, platform->settle());
  std::cout << "   -> user " << user_id << "; " << delivered
            << " event deliveries handled (security and user consumers)\n";

  step("Register ADA@Example.com again (emails are case-insensitive)");
  outcome(auth.register_user({"ADA@Example.com", "another password", "Ada", "Again"}).status());

  step("Register with a 5-character password");
  outcome(auth.register_user({"bob@example.com", "short", "Bob", "Short"}).status());

  step("Log in with a wrong password, then the right one");
  outcome(auth.login("ada@example.com", "wrong password").status());
  FAFNIR_ASSIGN_OR_RETURN(LoginSession session, auth.login("Ada@Example.com", "correct horse"));
  std::cout << "   -> JWT issued, expires " << format_rfc3339(session.expires_at) << '\n';

  step("Who am I?");
  FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser me, auth.authenticate(session.token));
  FAFNIR_ASSIGN_OR_RETURN(Profile profile, platform->users().profile(me.user_id));
  FAFNIR_ASSIGN_OR_RETURN(std::vector<std::string> roles, platform->security().roles_of(me.user_id));
  FAFNIR_ASSIGN_OR_RETURN(std::vector<std::string> permissions,
                          platform->security().permissions_of(me.user_id));
  std::cout << "   -> " << profile.first_name << ' ' << profile.last_name << " <" << me.email
            << ">, roles: " << roles.at(0) << ", permissions:";
  for (const std::string& permission : permissions) std::cout << ' ' << permission;
  std::cout << '\n';

  step("Delete the user (publishes users.deleted; every service forgets her)");
  FAFNIR_RETURN_IF_ERROR(auth.delete_user(me));
  FAFNIR_RETURN_IF_ERROR(platform->settle().status());
  std::cout << "   -> profile: " << platform->users().profile(me.user_id).status().to_string()
            << "\n   -> roles left: " << platform->security().roles_of(me.user_id)->size()
            << "\n   -> old token: " << auth.authenticate(session.token).status().to_string()
            << '\n';

  std::cout << "\nDone. Try the same through the CLI: fafnir --data-dir DIR user register ...\n";
  return Status::Ok();
}

}  // namespace

void add_demo_command(CLI::App& app, Status& status) {
  CLI::App* demo = app.add_subcommand("demo", "A short, readable tour of what fafnir does");
  auto dir = std::make_shared<std::string>();
  demo->add_option("--dir", *dir, "Data directory for the demo (default: a new temporary one)");
  demo->callback([&status, dir] { status = run_demo(*dir); });
}

}  // namespace fafnir
