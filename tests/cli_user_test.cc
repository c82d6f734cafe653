#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

using nlohmann::json;
using Args = std::vector<std::string>;

constexpr const char* kPassword = "Sesame-Opens-42";

Args register_args(const std::string& email, const std::string& password) {
  return {"user", "register", "--email", email, "--password", password,
          "--first-name", "Ada", "--last-name", "Lovelace"};
}

Args login_args(const std::string& email, const std::string& password) {
  return {"user", "login", "--email", email, "--password", password};
}

std::string describe(const CliRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\nstdout: " + run.out + "\nstderr: " + run.err;
}

CliRun expect_ok(const CliRunner& cli, const Args& args) {
  CliRun run = cli.run(args);
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  return run;
}

// The run failed with the documented exit status and a one-line reason on stderr.
void expect_refused(const CliRun& run, int exit_code, const std::string& reason) {
  INFO(describe(run));
  CHECK(run.exit_code == exit_code);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK((!run.err.empty() && run.err.back() == '\n'));
  CHECK_THAT(run.err, Catch::StartsWith("fafnir: ") && Catch::Contains(reason, Catch::CaseSensitive::No));
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned permission_bits(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

// "table: column=value" for every value in any row of any table of `db_file` that contains
// `needle`. Reads the file with the plain SQLite C API, independently of fafnir's storage code.
std::vector<std::string> cells_mentioning(const std::filesystem::path& db_file, const std::string& needle) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::vector<std::string> tables;
  sqlite3_stmt* list = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &list,
                             nullptr) == SQLITE_OK);
  while (sqlite3_step(list) == SQLITE_ROW) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
  }
  sqlite3_finalize(list);
  REQUIRE_FALSE(tables.empty());

  std::vector<std::string> found;
  for (const std::string& table : tables) {
    sqlite3_stmt* rows = nullptr;
    const std::string sql = "SELECT * FROM \"" + table + "\"";  // names from the file's own schema
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &rows, nullptr) == SQLITE_OK);
    while (sqlite3_step(rows) == SQLITE_ROW) {
      for (int column = 0; column < sqlite3_column_count(rows); ++column) {
        const void* data = sqlite3_column_blob(rows, column);
        std::string value(static_cast<const char*>(data),
                          data == nullptr ? 0 : static_cast<std::size_t>(sqlite3_column_bytes(rows, column)));
        if (value.find(needle) != std::string::npos) {
          found.push_back(table + ": " + sqlite3_column_name(rows, column) + "=" + value);
        }
      }
    }
    sqlite3_finalize(rows);
  }
  sqlite3_close(db);
  return found;
}

TEST_CASE("cli: a user registers, logs in, looks at themselves and logs out", "[cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "data");

  CliRun registered = expect_ok(cli, register_args("ada@example.com", kPassword));
  CHECK_THAT(registered.out, Catch::Contains("ada@example.com"));
  CHECK(registered.err.empty());

  expect_refused(cli.run(register_args("ADA@Example.com", "another-password")), 4, "already registered");
  expect_refused(cli.run(register_args("grace@example.com", "1234567")), 2, "at least 8");
  expect_refused(cli.run(register_args("grace@example", kPassword)), 2, "invalid email");
  expect_refused(cli.run(login_args("ada@example.com", "Wrong-Password-1")), 7,
                 "invalid email or password");
  expect_refused(cli.run(login_args("nobody@example.com", kPassword)), 7, "invalid email or password");
  expect_refused(cli.run({"user", "me"}), 7, "not logged in");

  CliRun login = expect_ok(cli, login_args("Ada@Example.com", kPassword));
  CHECK_THAT(login.out, Catch::Contains("Logged in as ada@example.com"));

  CliRun me = expect_ok(cli, {"--json", "user", "me"});
  json profile = json::parse(me.out, nullptr, /*allow_exceptions=*/false);
  INFO(me.out);
  REQUIRE(profile.is_object());
  CHECK(profile["userId"].is_string());
  CHECK(profile["userId"].get<std::string>().size() == 36);
  CHECK(profile["email"] == "ada@example.com");
  CHECK(profile["firstName"] == "Ada");
  CHECK(profile["lastName"] == "Lovelace");
  CHECK(profile["roles"] == json::array({"member"}));
  REQUIRE(profile["permissions"].is_array());
  CHECK(profile["permissions"].size() == 6);
  CHECK(std::count(profile["permissions"].begin(), profile["permissions"].end(), "view_stocks") == 1);
  CHECK(std::count(profile["permissions"].begin(), profile["permissions"].end(), "manage_roles") == 0);

  CliRun plain_me = expect_ok(cli, {"user", "me"});
  CHECK_THAT(plain_me.out, Catch::Contains("Ada Lovelace <ada@example.com>"));

  expect_ok(cli, {"user", "logout"});
  CHECK_FALSE(std::filesystem::exists(cli.data_dir() / "session.json"));
  expect_refused(cli.run({"user", "me"}), 7, "not logged in");
}

TEST_CASE("cli: only a hash of the password is stored and the secrets are private", "[cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "data");
  expect_ok(cli, register_args("ada@example.com", kPassword));
  expect_ok(cli, login_args("ada@example.com", kPassword));

  const std::filesystem::path data = cli.data_dir();
  std::string auth_bytes = file_bytes(data / "auth.db");
  if (std::filesystem::exists(data / "auth.db-wal")) auth_bytes += file_bytes(data / "auth.db-wal");
  CHECK_THAT(auth_bytes, Catch::Contains("$argon2id$"));
  for (const auto& entry : std::filesystem::directory_iterator(data)) {
    INFO("file: " << entry.path());
    CHECK(file_bytes(entry.path()).find(kPassword) == std::string::npos);
  }

  CHECK(permission_bits(data / "session.json") == 0600);
  CHECK(permission_bits(data / "jwt_secret") == 0600);
  CHECK(file_bytes(data / "jwt_secret").size() >= 32);
}

TEST_CASE("cli: FAFNIR_JWT_SECRET takes the place of the secret file", "[cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "data");
  cli.set_env("FAFNIR_JWT_SECRET", "a-secret-from-the-environment-32b!");

  expect_ok(cli, register_args("ada@example.com", kPassword));
  expect_ok(cli, login_args("ada@example.com", kPassword));
  expect_ok(cli, {"user", "me"});
  CHECK_FALSE(std::filesystem::exists(cli.data_dir() / "jwt_secret"));

  SECTION("the saved token does not verify under any other secret") {
    cli.set_env("FAFNIR_JWT_SECRET", "a-different-secret-entirely-32b!!");
    expect_refused(cli.run({"user", "me"}), 7, "log in again");
  }
  SECTION("without the variable a file secret is generated, and the old token fails") {
    cli.clear_env("FAFNIR_JWT_SECRET");
    expect_refused(cli.run({"user", "me"}), 7, "log in again");
    CHECK(std::filesystem::exists(cli.data_dir() / "jwt_secret"));
  }
}

TEST_CASE("cli: deleting a user leaves no row about them in any service database", "[cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "data");
  expect_ok(cli, register_args("ada@example.com", kPassword));
  expect_ok(cli, register_args("grace@example.com", "Grace-Password-1"));
  expect_ok(cli, login_args("ada@example.com", kPassword));
  CliRun me = expect_ok(cli, {"--json", "user", "me"});
  const std::string user_id = json::parse(me.out).at("userId").get<std::string>();
  REQUIRE(user_id.size() == 36);

  const std::filesystem::path data = cli.data_dir();
  const std::vector<std::string> service_files{"auth.db", "security.db", "user.db"};
  for (const std::string& file : service_files) {
    INFO(file << " should know the user before the deletion");
    CHECK_FALSE(cells_mentioning(data / file, user_id).empty());
  }

  expect_ok(cli, {"user", "logout"});
  expect_ok(cli, login_args("ada@example.com", kPassword));
  CliRun deleted = expect_ok(cli, {"--json", "user", "delete"});
  CHECK(json::parse(deleted.out).at("userId") == user_id);

  expect_refused(cli.run(login_args("ada@example.com", kPassword)), 7, "invalid email or password");
  expect_refused(cli.run({"user", "me"}), 7, "not logged in");
  for (const std::string& file : service_files) {
    const std::vector<std::string> leftovers = cells_mentioning(data / file, user_id);
    INFO(file << " still mentions the user in: " << Catch::Detail::stringify(leftovers));
    CHECK(leftovers.empty());
  }

  // The other user is untouched.
  expect_ok(cli, login_args("grace@example.com", "Grace-Password-1"));
  CliRun grace = expect_ok(cli, {"--json", "user", "me"});
  CHECK(json::parse(grace.out).at("roles") == json::array({"member"}));
}

TEST_CASE("cli: an unknown command is refused with a reason that names it", "[cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "data");

  SECTION("at the top level") {
    expect_refused(cli.run({"frobnicate"}), 2, "frobnicate");
  }
  SECTION("under user") {
    expect_refused(cli.run({"user", "explode"}), 2, "explode");
  }
  SECTION("a command without its subcommand") {
    CliRun bare = cli.run({"user"});
    INFO(describe(bare));
    CHECK(bare.exit_code == 2);
    CHECK_THAT(bare.err, Catch::StartsWith("fafnir: "));
  }
}

TEST_CASE("cli: the seed is fixed when the data directory is created", "[cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "data");

  Args seeded_register{"--seed", "1"};
  for (const std::string& arg : register_args("ada@example.com", kPassword)) seeded_register.push_back(arg);
  expect_ok(cli, seeded_register);
  CHECK_THAT(file_bytes(cli.data_dir() / "settings.json"), Catch::Contains("\"seed\": 1"));
  Args login = login_args("ada@example.com", kPassword);
  login.insert(login.begin(), {"--seed", "1"});
  expect_ok(cli, login);
  expect_ok(cli, {"user", "me"});  // no --seed: the directory's own

  expect_refused(cli.run({"--seed", "2", "user", "me"}), 6, "--seed 2 differs from the seed 1");
  CHECK_THAT(file_bytes(cli.data_dir() / "settings.json"), Catch::Contains("\"seed\": 1"));
}

TEST_CASE("cli: five wrong passwords throttle the email, even for the right one", "[cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "data");
  expect_ok(cli, register_args("ada@example.com", kPassword));
  for (int attempt = 1; attempt <= 5; ++attempt) {
    expect_refused(cli.run(login_args("ada@example.com", "guess-" + std::to_string(attempt))), 7,
                   "invalid email or password");
  }
  expect_refused(cli.run(login_args("ada@example.com", kPassword)), 8, "too many failed logins");
  CHECK_FALSE(std::filesystem::exists(cli.data_dir() / "session.json"));
}

TEST_CASE("cli: bad global options are refused before the data directory is touched", "[cli]") {
  TempDir dir;
  const std::filesystem::path data = dir.path() / "data";
  CliRunner cli(data);

  SECTION("a seed that is not a number") {
    expect_refused(cli.run({"--seed", "abc", "user", "me"}), 2, "--seed");
  }
  SECTION("a negative seed, which must not wrap around to 18446744073709551615") {
    expect_refused(cli.run({"--seed", "-1", "user", "me"}), 2, "seed");
  }
  SECTION("an unknown --hash-cost, which must not fix the seed on its way to failing") {
    CliRun bad_cost = cli.run_raw(
        {"--data-dir", data.string(), "--seed", "5", "--hash-cost", "bogus", "user", "me"});
    expect_refused(bad_cost, 2, "--hash-cost: bogus not in {strong,fast}");
  }
  CHECK_FALSE(std::filesystem::exists(data));
}

}  // namespace
}  // namespace fafnir
