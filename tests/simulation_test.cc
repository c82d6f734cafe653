// Simulations: reproducible reports, reports that agree with the platform, the equity chart, the
// platform's invariants after agents have traded, and `fafnir simulate` itself.

#include "sim/simulation.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/equity_chart.h"
#include "sim/sharded_simulation.h"
#include "sim/simulation_bench.h"
#include "sim/simulation_report.h"
#include "tests/support/cli_runner.h"
#include "tests/support/temp_dir.h"
#include "transports/embedded/embedded_transport.h"
#include "transports/memory/memory_transport.h"

namespace fafnir {
namespace {

SimulationOptions small_run(std::uint64_t seed) {
  SimulationOptions options;
  options.agents = 8;
  options.days = 2;
  options.seed = seed;
  return options;
}

// A finished simulation, its platform still open for inspection.
struct Finished {
  TempDir dir;
  std::unique_ptr<Simulation> simulation;
  SimulationResult result;
  SimulationReport report;
};

std::unique_ptr<Finished> simulate(const SimulationOptions& options, Transport& transport) {
  auto finished = std::make_unique<Finished>();
  Result<std::unique_ptr<Simulation>> created =
      Simulation::create(options, transport, finished->dir.path() / "data");
  INFO(created.status().to_string());
  REQUIRE(created.ok());
  finished->simulation = std::move(*created);
  Result<SimulationResult> result = finished->simulation->run();
  INFO(result.status().to_string());
  REQUIRE(result.ok());
  finished->result = std::move(*result);
  finished->report = summarize_simulation(finished->result);
  return finished;
}

// On the memory transport, as `fafnir simulate` runs by default.
std::unique_ptr<Finished> simulate(const SimulationOptions& options) {
  MemoryTransport memory;
  return simulate(options, memory);
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++found;
  }
  return found;
}

TEST_CASE("simulation: the same seed gives the same report, another seed another", "[simulation]") {
  auto first = simulate(small_run(7));
  auto second = simulate(small_run(7));
  auto other = simulate(small_run(8));
  std::string json = report_json(first->result, first->report).dump(2);
  CHECK(json == report_json(second->result, second->report).dump(2));
  CHECK(report_csv(first->report) == report_csv(second->report));
  CHECK(equity_chart_svg(first->result, first->report) ==
        equity_chart_svg(second->result, second->report));
  CHECK(json != report_json(other->result, other->report).dump(2));
  CHECK(json.find("00000000-") == std::string::npos);  // names, never ids
}

TEST_CASE("simulation: the memory and the embedded transport give the same report",
          "[simulation]") {
  SimulationOptions options = small_run(7);
  options.days = 3;
  MemoryTransport memory;
  EmbeddedTransport embedded;
  auto in_memory = simulate(options, memory);
  auto on_sqlite = simulate(options, embedded);
  CHECK(report_json(in_memory->result, in_memory->report).dump(2) ==
        report_json(on_sqlite->result, on_sqlite->report).dump(2));
  CHECK(report_csv(in_memory->report) == report_csv(on_sqlite->report));
  CHECK(in_memory->result.orders == on_sqlite->result.orders);
  CHECK(in_memory->result.orders > 0);
}

TEST_CASE("simulation: agents dealt to several platforms run at once give the same report",
          "[simulation]") {
  SimulationOptions options = small_run(7);
  options.agents = 11;  // does not divide evenly into the shards
  auto single = simulate(options);
  for (std::size_t shards : {2, 3, 11, 40}) {
    MemoryTransport memory;
    Result<std::unique_ptr<ShardedSimulation>> sharded =
        ShardedSimulation::create(options, memory, shards);
    REQUIRE(sharded.ok());
    CHECK((*sharded)->shards() == std::min<std::size_t>(shards, options.agents));
    Result<SimulationResult> result = (*sharded)->run();
    INFO(result.status().to_string());
    REQUIRE(result.ok());
    SimulationReport report = summarize_simulation(*result);
    CHECK(report_json(*result, report).dump(2) ==
          report_json(single->result, single->report).dump(2));
    CHECK(report_csv(report) == report_csv(single->report));
    CHECK(result->orders == single->result.orders);
    REQUIRE(result->agents.size() == single->result.agents.size());
    for (std::size_t i = 0; i < result->agents.size(); ++i) {
      CHECK(result->agents[i].name == single->result.agents[i].name);
      CHECK(result->agents[i].equity == single->result.agents[i].equity);
      CHECK(result->agents[i].trades == single->result.agents[i].trades);
    }
  }
  CHECK(single->result.orders > 0);
  MemoryTransport memory;
  CHECK(ShardedSimulation::create(options, memory, 0).ok());  // at least one shard
}

TEST_CASE("simulation: the report agrees with the platform's accounts and ledgers",
          "[simulation]") {
  auto run = simulate(small_run(3));
  Platform& platform = run->simulation->platform();
  nlohmann::json json = report_json(run->result, run->report);
  for (const char* field : {"agents", "market", "parameters"}) CHECK(json.contains(field));
  CHECK(json["parameters"]["agents"] == 8);
  CHECK(json["parameters"]["days"] == 2);
  CHECK(json["parameters"]["seed"] == 3);
  CHECK(json["market"].contains("indexStart"));
  CHECK(json["market"].contains("indexEnd"));
  CHECK(json["market"].contains("return"));
  REQUIRE(json["agents"].size() == 8);

  std::int64_t all_trades = 0;
  const std::vector<Simulation::Agent>& agents = run->simulation->agents();
  for (std::size_t i = 0; i < agents.size(); ++i) {
    const Simulation::Agent& agent = agents[i];
    const nlohmann::json& entry = json["agents"][i];
    INFO(agent.name);
    for (const char* field : {"name", "strategy", "finalEquity", "return", "volatility", "sharpe",
                              "maxDrawdown", "trades"}) {
      CHECK(entry.contains(field));
    }
    CHECK(entry["name"] == agent.name);
    CHECK(entry["strategy"] == std::string(agent.strategy->name()));

    // Final equity = cash + every holding at the last price.
    Result<Account> account = platform.portfolio().account(agent.user_id, agent.account_id);
    REQUIRE(account.ok());
    Result<std::vector<Holding>> holdings =
        platform.portfolio().holdings(agent.user_id, agent.account_id);
    REQUIRE(holdings.ok());
    Money equity = account->balance;
    for (const Holding& holding : *holdings) {
      Result<Price> price = platform.stock().last_price(holding.symbol);
      REQUIRE(price.ok());
      equity += notional(*price, holding.quantity);
    }
    CHECK(run->report.agents[i].final_equity == equity);
    CHECK(entry["finalEquity"] == equity.to_double());
    CHECK(run->result.agents[i].equity.front() == Money::from_micros(100'000'000'000));

    // Trades: one BUY or SELL ledger entry per filled order (orders fill whole).
    Result<std::vector<LedgerEntry>> ledger =
        platform.portfolio().transactions(agent.user_id, agent.account_id);
    REQUIRE(ledger.ok());
    std::int64_t fills = 0;
    for (const LedgerEntry& entry_line : *ledger) {
      if (entry_line.type == TransactionType::kBuy || entry_line.type == TransactionType::kSell) {
        ++fills;
      }
    }
    CHECK(entry["trades"] == fills);
    all_trades += fills;
  }
  CHECK(all_trades > 0);
  CHECK(report_csv(run->report).find("name,strategy,final_equity,return") == 0);
  CHECK(count(report_csv(run->report), "\n") == 9);
}

TEST_CASE("simulation: every balance is the sum of its ledger and nothing goes negative",
          "[simulation]") {
  auto run = simulate(small_run(11));
  Platform& platform = run->simulation->platform();
  for (const Simulation::Agent& agent : run->simulation->agents()) {
    INFO(agent.name);
    Result<std::vector<Account>> accounts = platform.portfolio().accounts(agent.user_id);
    REQUIRE(accounts.ok());
    for (const Account& account : *accounts) {
      Result<std::vector<LedgerEntry>> ledger =
          platform.portfolio().transactions(agent.user_id, account.id);
      REQUIRE(ledger.ok());
      Money sum;
      for (const LedgerEntry& entry : *ledger) sum += entry.amount;
      CHECK(account.balance == sum);
      CHECK_FALSE(account.balance.is_negative());
      CHECK_FALSE(account.reserved.is_negative());
      CHECK(account.reserved <= account.balance);
    }
    Result<std::vector<Holding>> holdings =
        platform.portfolio().holdings(agent.user_id, agent.account_id);
    REQUIRE(holdings.ok());
    for (const Holding& holding : *holdings) {
      CHECK_FALSE(holding.quantity.is_negative());
      CHECK(holding.reserved <= holding.quantity);
    }
    Result<std::vector<Order>> orders = platform.orders().orders(agent.user_id);
    REQUIRE(orders.ok());
    for (const Order& order : *orders) CHECK_FALSE(is_open(order.status));  // DAY orders expired
  }
}

TEST_CASE("simulation: the equity chart is a standalone SVG with four series and a legend",
          "[simulation]") {
  auto run = simulate(small_run(5));
  std::string svg = equity_chart_svg(run->result, run->report);
  CHECK(svg.rfind("<?xml", 0) == 0);
  CHECK(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
  CHECK(svg.size() - svg.rfind("</svg>") == 7);  // "</svg>\n" ends it
  CHECK(count(svg, "<svg") == 1);
  CHECK(count(svg, "<polyline") == 4);
  CHECK(count(svg, "<text") == count(svg, "</text>"));
  for (const char* legend : {"market index", "best: ", "median: ", "worst: ", "Equity (USD)",
                             "Trading day", "Jan 5", "$"}) {
    CHECK(svg.find(legend) != std::string::npos);
  }
  CHECK(svg.find("nan") == std::string::npos);
  CHECK(svg.find("inf") == std::string::npos);
}

TEST_CASE("cli: fafnir simulate writes the same report twice and leaves no data behind",
          "[simulation][cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "unused");
  auto simulate_into = [&](const std::string& out) {
    return cli.run_raw({"simulate", "--agents", "4", "--days", "1", "--seed", "9", "--out",
                        (dir.path() / out).string()});
  };
  CliRun first = simulate_into("one");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CliRun second = simulate_into("two");
  REQUIRE(second.exit_code == 0);
  for (const char* file : {"report.json", "report.csv", "equity.svg"}) {
    CHECK(read(dir.path() / "one" / file) == read(dir.path() / "two" / file));
  }
  CHECK(first.out.find("best") != std::string::npos);
  CHECK(first.out.find("equity.svg") != std::string::npos);
  CHECK(first.err.empty());  // no progress bar when stderr is not a terminal
  CHECK_FALSE(std::filesystem::exists(dir.path() / "unused"));

  CliRun json = cli.run_raw({"simulate", "--agents", "4", "--days", "1", "--seed", "9", "--out",
                             (dir.path() / "three").string(), "--json"});
  REQUIRE(json.exit_code == 0);
  CHECK(nlohmann::json::parse(json.out) ==
        nlohmann::json::parse(read(dir.path() / "one" / "report.json")));

  CliRun unknown = cli.run_raw(
      {"simulate", "--strategies", "random,yolo", "--out", (dir.path() / "four").string()});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("yolo") != std::string::npos);
}

TEST_CASE("cli: fafnir simulate --transport embedded reports the same, its files in --data-dir",
          "[simulation][cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "unused");
  std::vector<std::string> run{"simulate", "--agents", "4", "--days", "1", "--seed", "9"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = run;
    args.insert(args.end(), extra.begin(), extra.end());
    return cli.run_raw(args);
  };
  CliRun in_memory = with({"--out", (dir.path() / "memory").string()});
  REQUIRE(in_memory.exit_code == 0);
  CliRun on_sqlite = with({"--transport", "embedded", "--out", (dir.path() / "sqlite").string()});
  INFO(on_sqlite.err);
  REQUIRE(on_sqlite.exit_code == 0);
  for (const char* file : {"report.json", "report.csv"}) {
    CHECK(read(dir.path() / "memory" / file) == read(dir.path() / "sqlite" / file));
  }

  std::string kept = (dir.path() / "kept").string();
  CliRun files = cli.run_raw({"--data-dir", kept, "simulate", "--agents", "2", "--days", "1",
                              "--transport", "embedded", "--out", (dir.path() / "k").string()});
  REQUIRE(files.exit_code == 0);
  CHECK(std::filesystem::exists(dir.path() / "kept" / "order.db"));

  CliRun refused =
      cli.run_raw({"--data-dir", (dir.path() / "nowhere").string(), "simulate", "--agents", "2",
                   "--days", "1", "--out", (dir.path() / "n").string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--transport embedded") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "nowhere"));

  CliRun cluster = with({"--transport", "cluster", "--out", (dir.path() / "c").string()});
  CHECK(cluster.exit_code == 2);
}

TEST_CASE("simulation bench: several runs are summed up by their median", "[simulation]") {
  auto run_at = [](double orders_per_second, std::int64_t orders) {
    SimulationBenchResult run;
    run.orders = orders;
    run.orders_per_second = orders_per_second;
    return run;
  };
  SimulationBenchSummary odd =
      summarize_simulation_runs({run_at(90, 1), run_at(150, 2), run_at(60, 3)});
  CHECK(odd.median.orders_per_second == 90);
  CHECK(odd.median.orders == 1);  // the whole run, not only its rate
  CHECK(odd.slowest_orders_per_second == 60);
  CHECK(odd.fastest_orders_per_second == 150);
  CHECK(odd.runs == 3);
  CHECK(summarize_simulation_runs({run_at(10, 1), run_at(30, 2)}).median.orders_per_second == 30);
  CHECK(summarize_simulation_runs({run_at(42, 1)}).median.orders_per_second == 42);
}

TEST_CASE("cli: fafnir bench simulate quotes the median of its runs", "[simulation][cli]") {
  TempDir dir;
  CliRunner cli(dir.path() / "unused");
  CliRun bench =
      cli.run({"--json", "bench", "simulate", "--agents", "4", "--days", "1", "--repeat", "3"});
  INFO(bench.err);
  REQUIRE(bench.exit_code == 0);
  nlohmann::json figures = nlohmann::json::parse(bench.out);
  CHECK(figures["runs"] == 3);
  CHECK(figures["orders"].get<std::int64_t>() > 0);
  double median = figures["ordersPerSecond"].get<double>();
  CHECK(figures["slowestOrdersPerSecond"].get<double>() <= median);
  CHECK(median <= figures["fastestOrdersPerSecond"].get<double>());
  CHECK(figures["onePlatformOrdersPerSecond"].get<double>() > 0);

  CliRun none = cli.run({"bench", "simulate", "--agents", "4", "--days", "1", "--repeat", "0"});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("--repeat") != std::string::npos);
}

}  // namespace
}  // namespace fafnir
