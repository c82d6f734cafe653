#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/common/fixed_point.h"
#include "tests/support/cli_runner.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

using nlohmann::json;

const std::filesystem::path kScenarios = FAFNIR_SCENARIOS_DIR;

// `fafnir scenario run ARGS...` needs no data directory; the runner gives each scenario its own.
CliRun run_scenarios(const std::vector<std::string>& args) {
  TempDir unused;
  CliRunner cli(unused.path() / "data");
  std::vector<std::string> full{"scenario", "run"};
  full.insert(full.end(), args.begin(), args.end());
  return cli.run_raw(full);
}

std::string describe(const CliRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\nstdout:\n" + run.out + "\nstderr:\n" +
         run.err;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::vector<std::filesystem::path> bundled_scenarios() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(kScenarios)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Every expected number in a scenario's steps: where it is, and the step it belongs to.
struct ExpectedNumber {
  json::json_pointer where;
  int step = 0;
  std::string label;
};

void collect_numbers(const json& value, const json::json_pointer& where, int step,
                     const std::string& label, std::vector<ExpectedNumber>& out) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items())
      collect_numbers(item, where / key, step, label, out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      collect_numbers(value[i], where / i, step, label, out);
  } else if (value.is_number_integer() ||
             (value.is_string() && parse_micros(value.get<std::string>()).ok())) {
    out.push_back({where, step, label});
  }
}

// The value a little off: decimals plus 0.01, counts plus 1.
json changed(const json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>() + 1;
  return format_micros(*parse_micros(value.get<std::string>()) + 10'000);
}

TEST_CASE("every bundled scenario passes", "[scenario]") {
  std::vector<std::filesystem::path> files = bundled_scenarios();
  REQUIRE(files.size() >= 20);

  CliRun run = run_scenarios({kScenarios.string(), "--json"});
  INFO(describe(run));
  json report = json::parse(run.out);
  for (const json& scenario : report["scenarios"]) {
    INFO(scenario["file"].get<std::string>() << ": " << scenario.dump(2));
    CHECK(scenario["passed"] == true);
  }
  CHECK(report["failures"].empty());
  CHECK(report["summary"]["files"] == files.size());
  CHECK(report["summary"]["failed"] == 0);
  CHECK(report["summary"]["checks"].get<int>() > 20 * 10);
  CHECK(run.exit_code == 0);
}

TEST_CASE("a directory runs every *.json in it, in name order, and prints every step",
          "[scenario]") {
  TempDir dir;
  std::string scenario = read(kScenarios / "03-gaps-through-limits.json");
  write(dir.path() / "b.json", scenario);
  write(dir.path() / "a.json", scenario);
  write(dir.path() / "notes.txt", "not a scenario");

  CliRun run = run_scenarios({dir.path().string()});
  INFO(describe(run));
  CHECK(run.exit_code == 0);
  std::size_t a = run.out.find("== " + (dir.path() / "a.json").string());
  std::size_t b = run.out.find("== " + (dir.path() / "b.json").string());
  CHECK(a != std::string::npos);
  CHECK(b != std::string::npos);
  CHECK(a < b);
  CHECK(run.out.find("notes.txt") == std::string::npos);
  CHECK_THAT(run.out, Catch::Contains("    5 OK    setPrice \"gap-up\": MSFT set to 120.00"));
  CHECK_THAT(run.out,
             Catch::Contains("Summary: 2 scenario files, 2 passed, 0 failed; 10 steps, 0 failed"));
}

TEST_CASE("a scenario with one expected number changed fails, naming the step", "[scenario]") {
  TempDir dir;
  std::filesystem::path copy = dir.path() / "01-market-buy-sell.json";
  std::string text = read(kScenarios / "01-market-buy-sell.json");
  std::string original =
      "\"balance\": \"9500.00\", \"reserved\": \"0\", \"buyingPower\": \"9500.00\"";
  REQUIRE(text.find(original) != std::string::npos);
  text.replace(text.find(original), original.size(),
               "\"balance\": \"9500.01\", \"reserved\": \"0\", \"buyingPower\": \"9500.00\"");
  write(copy, text);

  CliRun run = run_scenarios({copy.string()});
  INFO(describe(run));
  CHECK(run.exit_code == 6);
  std::string failure = copy.string() +
                        ": step 2 (\"buy10\"): account alice.investment balance: expected 9500.01, "
                        "got 9500.00";
  CHECK_THAT(run.out, Catch::Contains("    2 FAIL  placeOrder \"buy10\""));
  CHECK_THAT(run.out, Catch::Contains(failure));
  CHECK_THAT(run.out,
             Catch::Contains("Summary: 1 scenario files, 0 passed, 1 failed; 8 steps, 1 failed"));
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK_THAT(run.err,
             Catch::StartsWith("fafnir: 1 of 1 scenario files failed") && Catch::Contains(failure));

  CliRun as_json = run_scenarios({copy.string(), "--json"});
  INFO(describe(as_json));
  CHECK(as_json.exit_code == 6);
  json report = json::parse(as_json.out);
  CHECK(report["failures"] == json::array({failure}));
  CHECK(report["scenarios"][0]["steps"][1]["passed"] == false);
  CHECK(report["scenarios"][0]["steps"][2]["passed"] == true);
}

TEST_CASE("changing any expected number of a scenario makes it fail at that step", "[scenario]") {
  const std::filesystem::path source = kScenarios / "03-gaps-through-limits.json";
  json scenario = json::parse(read(source));
  std::vector<ExpectedNumber> numbers;
  for (std::size_t i = 0; i < scenario["steps"].size(); ++i) {
    const json& step = scenario["steps"][i];
    if (!step.contains("expect")) continue;
    collect_numbers(step["expect"], json::json_pointer("/steps") / i / "expect",
                    static_cast<int>(i) + 1, step.value("label", ""), numbers);
  }
  REQUIRE(numbers.size() >= 10);

  TempDir dir;
  for (const ExpectedNumber& number : numbers) {
    json mutated = scenario;
    mutated[number.where] = changed(scenario[number.where]);
    std::filesystem::path copy = dir.path() / "mutated.json";
    write(copy, mutated.dump(2));
    CliRun run = run_scenarios({copy.string()});
    INFO("changed " << number.where.to_string() << " from " << scenario[number.where].dump()
                    << " to " << mutated[number.where].dump() << "\n"
                    << describe(run));
    CHECK(run.exit_code == 6);
    std::string step = copy.string() + ": step " + std::to_string(number.step) +
                       (number.label.empty() ? ":" : " (\"" + number.label + "\"):");
    CHECK_THAT(run.out, Catch::Contains(step) && Catch::Contains(", got "));
  }
}

TEST_CASE("malformed scenario files fail with the file, the position and the reason",
          "[scenario]") {
  TempDir dir;
  auto with_steps = [](const std::string& steps) {
    return R"({"name": "x", "market": {"seed": 1, "start": "2026-01-05T15:00:00Z"},
  "users": [{"name": "alice", "accounts": [{"label": "investment"}]}],
  "steps": [)" +
           steps + "]}\n";
  };
  write(dir.path() / "1-bad-json.json", with_steps("\n  {\"kind\": \"checkpoint\",}\n"));
  write(dir.path() / "2-unknown-kind.json",
        with_steps(R"({"kind": "checkpoint"}, {"kind": "plaecOrder", "label": "buy1"})"));
  write(dir.path() / "3-missing-field.json",
        with_steps(R"({"kind": "placeOrder", "label": "buy1", "user": "alice", "side": "BUY",
                       "quantity": "1"})"));
  write(dir.path() / "4-wrong-type.json",
        with_steps(R"({"kind": "placeOrder", "user": "alice", "symbol": "AAPL", "side": "BUY",
                       "quantity": 1.5})"));
  write(dir.path() / "5-bad-decimal.json", with_steps(R"({"kind": "checkpoint",
                       "expect": {"account": {"account": "alice.investment",
                                              "balance": "1.2345678"}}})"));
  write(dir.path() / "6-unknown-label.json",
        with_steps(R"({"kind": "deposit", "account": "alice.savings", "amount": "1"})"));
  write(dir.path() / "7-unknown-field.json", with_steps(R"({"kind": "checkpoint",
                       "expect": {"account": {"account": "alice.investment", "balence": "1"}}})"));
  write(dir.path() / "8-missing-steps.json",
        R"({"name": "x", "market": {"seed": 1, "start": "2026-01-05T15:00:00Z"}})");

  CliRun run = run_scenarios({dir.path().string()});
  INFO(describe(run));
  CHECK(run.exit_code == 2);
  std::string file = dir.path().string() + "/";
  CHECK_THAT(run.out, Catch::Contains(file + "1-bad-json.json:4:25: invalid JSON: syntax error"));
  CHECK_THAT(run.out,
             Catch::Contains(file + "2-unknown-kind.json: step 2 (\"buy1\"), field \"kind\": "
                                    "unknown step kind \"plaecOrder\" (use register, login"));
  CHECK_THAT(run.out,
             Catch::Contains(file + "3-missing-field.json: step 1 (\"buy1\"): missing field "
                                    "\"symbol\""));
  CHECK_THAT(run.out,
             Catch::Contains(file + "4-wrong-type.json: step 1, field \"quantity\": expected a "
                                    "decimal string"));
  CHECK_THAT(run.out, Catch::Contains(file + "5-bad-decimal.json: step 1, expect.account, field "
                                             "\"balance\": bad decimal"));
  CHECK_THAT(run.out,
             Catch::Contains(file + "6-unknown-label.json: step 1, field \"account\": unknown "
                                    "account 'alice.savings' (known so far: alice.investment)"));
  CHECK_THAT(run.out,
             Catch::Contains(file + "7-unknown-field.json: step 1, expect.account: unknown "
                                    "field \"balence\""));
  CHECK_THAT(run.out,
             Catch::Contains(file + "8-missing-steps.json: top level: missing field \"steps\""));
  CHECK_THAT(run.out, Catch::Contains("Summary: 8 scenario files, 0 passed, 8 failed; 0 steps"));
  CHECK_THAT(run.err, Catch::StartsWith("fafnir: 8 of 8 scenario files failed; first: " + file +
                                        "1-bad-json.json:4:25: invalid JSON"));
}

TEST_CASE("a step that fails unexpectedly, or succeeds when it should fail, is a failure",
          "[scenario]") {
  TempDir dir;
  std::filesystem::path file = dir.path() / "errors.json";
  write(file,
        R"({"name": "errors", "market": {"seed": 1, "start": "2026-01-05T15:00:00Z"},
  "users": [{"name": "alice", "accounts": [{"label": "investment"}]}],
  "steps": [
    {"kind": "deposit", "label": "zero", "account": "alice.investment", "amount": "0"},
    {"kind": "deposit", "label": "fine", "account": "alice.investment", "amount": "1",
     "expect": {"error": {"code": "INVALID_ARGUMENT"}}},
    {"kind": "deposit", "label": "wrong-code", "account": "alice.investment", "amount": "-1",
     "expect": {"error": {"code": "NOT_FOUND", "message": "positive"}}}
  ]})");
  CliRun run = run_scenarios({file.string()});
  INFO(describe(run));
  CHECK(run.exit_code == 6);
  CHECK_THAT(run.out,
             Catch::Contains("step 1 (\"zero\"): unexpected error: INVALID_ARGUMENT: amount "
                             "must be positive"));
  CHECK_THAT(run.out,
             Catch::Contains("step 2 (\"fine\"): error: expected INVALID_ARGUMENT, but the "
                             "step succeeded"));
  CHECK_THAT(run.out,
             Catch::Contains("step 3 (\"wrong-code\"): error code: expected NOT_FOUND, got "
                             "INVALID_ARGUMENT: amount must be positive"));
  CHECK(run.out.find("step 3 (\"wrong-code\"): error message") == std::string::npos);
}

TEST_CASE("scenario run refuses a path that does not exist", "[scenario]") {
  TempDir dir;
  CliRun run = run_scenarios({(dir.path() / "missing.json").string()});
  INFO(describe(run));
  CHECK(run.exit_code == 3);
  CHECK_THAT(run.err, Catch::Contains("no scenario file or directory"));
}

}  // namespace
}  // namespace fafnir
