// `fafnir bench lifecycle` and `fafnir bench triggers`: the figures they print, with --json, and
// the input they refuse. Tiny sizes: these check the commands, not the machine's speed.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/cli_runner.h"

namespace fafnir {
namespace {

TEST_CASE("cli: fafnir bench lifecycle prints the core beside both SQLite references",
          "[bench][cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "unused");
  CliRun bench = cli.run({"--json", "bench", "lifecycle", "--orders", "600", "--clients", "2"});
  INFO(bench.err);
  REQUIRE(bench.exit_code == 0);
  nlohmann::json figures = nlohmann::json::parse(bench.out);
  CHECK(figures["orders"] == 600);
  CHECK(figures["clients"] == 2);
  CHECK(figures["ordersPerSecond"].get<double>() > 0);
  CHECK(figures["sqliteCeilingPerSecond"].get<double>() > 0);
  CHECK(figures["sqliteOneCommitPerSecond"].get<double>() > 0);

  CliRun text = cli.run({"bench", "lifecycle", "--orders", "300"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("fafnir core:") != std::string::npos);
  CHECK(text.out.find("SQLite ceiling:") != std::string::npos);
  CHECK(text.out.find("one commit per order:") != std::string::npos);
}

TEST_CASE("cli: fafnir bench lifecycle refuses no orders and more clients than orders",
          "[bench][cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "unused");
  CliRun none = cli.run({"bench", "lifecycle", "--orders", "0"});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("--orders must be positive") != std::string::npos);
  CliRun crowded = cli.run({"bench", "lifecycle", "--orders", "2", "--clients", "3"});
  CHECK(crowded.exit_code == 2);
  CHECK(crowded.err.find("--clients") != std::string::npos);
}

TEST_CASE("cli: fafnir bench triggers prints ticks per second and bytes per resting order",
          "[bench][cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "unused");
  CliRun bench =
      cli.run({"--json", "bench", "triggers", "--resting", "5000", "--ticks", "100000"});
  INFO(bench.err);
  REQUIRE(bench.exit_code == 0);
  nlohmann::json figures = nlohmann::json::parse(bench.out);
  CHECK(figures["restingOrders"] == 5000);
  CHECK(figures["ticks"] == 100000);
  CHECK(figures["ticksPerSecond"].get<double>() > 0);
  CHECK(figures["bytesPerRestingOrder"].get<double>() > 0);
}

}  // namespace
}  // namespace fafnir
