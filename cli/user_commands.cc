#include <memory>

#include "cli/commands.h"

namespace fafnir {
namespace {

using nlohmann::json;

struct UserArguments {
  std::string email;
  std::string password;
  std::string first_name;
  std::string last_name;
};

Status register_user(CliContext& context, const UserArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_ASSIGN_OR_RETURN(std::string user_id,
                          platform->auth().register_user(
                              {args.email, args.password, args.first_name, args.last_name}));
  FAFNIR_RETURN_IF_ERROR(context.settle());
  context.print({{"userId", user_id}, {"message", "user registered"}},
                "Registered " + args.email + " (user " + user_id + ")");
  return Status::Ok();
}

Status login(CliContext& context, const UserArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_ASSIGN_OR_RETURN(LoginSession session, platform->auth().login(args.email, args.password));
  FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, platform->auth().authenticate(session.token));
  FAFNIR_RETURN_IF_ERROR(
      context.data_directory().save_session({user.user_id, user.email, session.token}));
  context.print({{"userId", user.user_id},
                 {"email", user.email},
                 {"expiresAt", format_rfc3339(session.expires_at)},
                 {"message", "logged in"}},
                "Logged in as " + user.email);
  return Status::Ok();
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += text.empty() ? name : ", " + name;
  return text.empty() ? "(none)" : text;
}

Status me(CliContext& context) {
  FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, context.current_user());
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_ASSIGN_OR_RETURN(Profile profile, platform->users().profile(user.user_id));
  FAFNIR_ASSIGN_OR_RETURN(std::vector<std::string> roles,
                          platform->security().roles_of(user.user_id));
  FAFNIR_ASSIGN_OR_RETURN(std::vector<std::string> permissions,
                          platform->security().permissions_of(user.user_id));
  context.print({{"userId", user.user_id},
                 {"email", user.email},
                 {"firstName", profile.first_name},
                 {"lastName", profile.last_name},
                 {"roles", roles},
                 {"permissions", permissions}},
                "User:        " + profile.first_name + " " + profile.last_name + " <" +
                    user.email + ">\nId:          " + user.user_id +
                    "\nRoles:       " + joined(roles) + "\nPermissions: " + joined(permissions));
  return Status::Ok();
}

Status logout(CliContext& context) {
  FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, context.current_user());
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_RETURN_IF_ERROR(platform->auth().logout(user));
  FAFNIR_RETURN_IF_ERROR(context.data_directory().forget_session());
  context.print({{"message", "logged out"}}, "Logged out " + user.email);
  return Status::Ok();
}

Status delete_user(CliContext& context) {
  FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser user, context.current_user());
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_RETURN_IF_ERROR(platform->auth().delete_user(user));
  FAFNIR_RETURN_IF_ERROR(context.settle());
  FAFNIR_RETURN_IF_ERROR(context.data_directory().forget_session());
  context.print({{"userId", user.user_id}, {"message", "user deleted"}},
                "Deleted " + user.email + " and all of their data");
  return Status::Ok();
}

}  // namespace

void add_user_commands(CLI::App& app, CliContext& context, Status& status) {
  CLI::App* user = app.add_subcommand("user", "Register, log in, inspect or delete a user");
  user->require_subcommand(0, 1);
  auto args = std::make_shared<UserArguments>();

  CLI::App* reg = user->add_subcommand("register", "Create a user (role: member)");
  reg->add_option("--email", args->email, "Email address")->required();
  reg->add_option("--password", args->password, "At least 8 characters")->required();
  reg->add_option("--first-name", args->first_name, "First name")->required();
  reg->add_option("--last-name", args->last_name, "Last name")->required();
  reg->callback([&context, &status, args] { status = register_user(context, *args); });

  CLI::App* in = user->add_subcommand("login", "Log in; later commands act as this user");
  in->add_option("--email", args->email, "Email address")->required();
  in->add_option("--password", args->password, "Password")->required();
  in->callback([&context, &status, args] { status = login(context, *args); });

  user->add_subcommand("me", "Show the logged-in user, roles and permissions")
      ->callback([&context, &status] { status = me(context); });
  user->add_subcommand("logout", "Sign out and forget the saved session")
      ->callback([&context, &status] { status = logout(context); });
  user->add_subcommand("delete", "Delete the logged-in user and all of their data")
      ->callback([&context, &status] { status = delete_user(context); });
}

}  // namespace fafnir
