#include "cli/data_directory.h"

#include <cstdlib>
#include <system_error>

#include <nlohmann/json.hpp>

#include "cli/private_file.h"
#include "core/auth/jwt.h"
#include "storage/directory_lock.h"

namespace fafnir {
namespace {

using nlohmann::json;

constexpr const char* kSettingsFile = "settings.json";
constexpr const char* kSecretFile = "jwt_secret";
constexpr const char* kSessionFile = "session.json";

Status corrupt(const std::filesystem::path& file, std::string_view why) {
  return Status::FailedPrecondition(file.string() + " is damaged (" + std::string(why) +
                                    "); fix or remove it");
}

}  // namespace

Status DataDirectory::ensure_exists() const { return create_private_directory(path_); }

Result<DataDirectorySettings> DataDirectory::settings(const DataDirectorySettings& defaults,
                                                      const RequestedSettings& requested) const {
  std::filesystem::path file = path_ / kSettingsFile;
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> text, read_file_if_exists(file));
  if (!text) {
    DataDirectorySettings created{requested.seed.value_or(defaults.seed),
                                  requested.start.value_or(defaults.start),
                                  requested.session.value_or(defaults.session)};
    json saved = {{"seed", created.seed},
                  {"start", format_rfc3339(created.start)},
                  {"session", session_mode_name(created.session)}};
    FAFNIR_RETURN_IF_ERROR(write_private_file(file, saved.dump(2) + "\n"));
    return created;
  }
  json saved = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!saved.is_object() || !saved.contains("seed") || !saved["seed"].is_number_unsigned() ||
      !saved.contains("start") || !saved["start"].is_string() || !saved.contains("session") ||
      !saved["session"].is_string()) {
    return corrupt(file, "expected {\"seed\": N, \"start\": TIME, \"session\": MODE}");
  }
  FAFNIR_ASSIGN_OR_RETURN(Timestamp start, parse_rfc3339(saved["start"].get<std::string>()));
  FAFNIR_ASSIGN_OR_RETURN(SessionMode session,
                          parse_session_mode(saved["session"].get<std::string>()));
  DataDirectorySettings loaded{saved["seed"].get<std::uint64_t>(), start, session};
  if (requested.seed && *requested.seed != loaded.seed) {
    return Status::FailedPrecondition(
        "--seed " + std::to_string(*requested.seed) + " differs from the seed " +
        std::to_string(loaded.seed) + " this data directory was created with; use another --data-dir");
  }
  if (requested.session && *requested.session != loaded.session) {
    return Status::FailedPrecondition(
        "--session " + std::string(session_mode_name(*requested.session)) +
        " differs from the session " + std::string(session_mode_name(loaded.session)) +
        " this data directory was created with; use another --data-dir");
  }
  return loaded;
}

Result<std::string> DataDirectory::jwt_secret() const {
  const char* from_env = std::getenv("FAFNIR_JWT_SECRET");
  if (from_env != nullptr && *from_env != '\0') return std::string(from_env);
  std::filesystem::path file = path_ / kSecretFile;
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> existing, read_file_if_exists(file));
  if (existing) {
    if (existing->empty()) return corrupt(file, "empty secret");
    return *existing;
  }
  std::string secret = JwtCodec::generate_secret();
  FAFNIR_RETURN_IF_ERROR(write_private_file(file, secret));
  return secret;
}

Result<std::optional<SavedSession>> DataDirectory::load_session() const {
  std::filesystem::path file = path_ / kSessionFile;
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> text, read_file_if_exists(file));
  if (!text) return std::optional<SavedSession>();
  json saved = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  auto text_field = [&](const char* name) {
    return saved.is_object() && saved.contains(name) && saved[name].is_string()
               ? saved[name].get<std::string>()
               : std::string();
  };
  SavedSession session{text_field("userId"), text_field("email"), text_field("token")};
  if (session.token.empty()) return corrupt(file, "no token");
  return std::optional<SavedSession>(std::move(session));
}

Status DataDirectory::save_session(const SavedSession& session) const {
  json saved = {{"userId", session.user_id}, {"email", session.email}, {"token", session.token}};
  return write_private_file(path_ / kSessionFile, saved.dump(2) + "\n");
}

Status DataDirectory::forget_session() const {
  std::error_code error;
  std::filesystem::remove(path_ / kSessionFile, error);
  if (error) return Status::Internal("cannot remove the saved session: " + error.message());
  return Status::Ok();
}

}  // namespace fafnir
