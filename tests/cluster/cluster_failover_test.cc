// Failover: two real `fafnir serve` nodes share PostgreSQL, Redis and JetStream while one client
// trades on each; the market leader is killed with SIGKILL mid-stream, the other node keeps
// serving and takes the lead, the killed node restarts on its data dir, and then both nodes show
// every acknowledged order filled and an account whose ledger explains its balance and holdings.
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/cluster/cluster_serve_nodes.h"
#include "tests/support/http_client.h"
#include "tests/support/serve_process.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

using http_test::HttpClient;
using http_test::HttpClientError;
using http_test::HttpReply;
using json = nlohmann::json;
using namespace cluster_serve;

constexpr std::string_view kPassword = "correct horse battery staple";
constexpr int kOrdersPerNode = 60;
constexpr int kAcknowledgedOnABeforeKill = 20;
constexpr std::int64_t kMicros = 1'000'000;
constexpr std::int64_t kOpeningDeposit = 500;  // dollars, every new account's
constexpr std::int64_t kDeposit = 1'000'000;   // dollars; 120 single shares cost far less
const std::vector<std::string> kSymbols{"AAPL", "MSFT", "GOOGL", "AMZN"};
constexpr auto kWaitForLead = std::chrono::seconds(10);
constexpr auto kWaitForKill = std::chrono::seconds(20);
// JetStream redelivers what a killed node fetched but did not acknowledge after 30 s.
constexpr auto kWaitForSettling = std::chrono::seconds(40);

// Amounts are JSON numbers with at most 6 decimals. For |amount| < 1e9 the parsed double is within
// 0.2 micro-units of the decimal, so rounding to micro-units recovers it exactly.
std::int64_t micros(const json& number) {
  return std::llround(number.get<double>() * static_cast<double>(kMicros));
}

std::string create_order_query(const std::string& symbol) {
  return "mutation { createOrder(request: {symbol: \"" + symbol +
         "\", side: \"BUY\", type: \"MARKET\", quantity: 1}) { code data { id status } } }";
}

// What one client thread saw from one node.
struct TradingRun {
  std::atomic<int> acknowledged_count{0};
  std::atomic<bool> finished{false};
  // Read these once `finished`.
  std::vector<std::string> acknowledged;  // ids of orders answered with code OK
  std::vector<std::string> refusals;      // other answers, verbatim
  std::string stopped_by;                 // the connection error that ended the loop, if any
};

// Places up to `orders` market buys of one share on the node at `port`, round-robin over
// kSymbols; stops at the first connection error, which counts as "not acknowledged".
void trade(std::uint16_t port, const std::string& token, int orders, TradingRun& run) {
  HttpClient client("127.0.0.1", port);
  client.set_bearer(token);
  for (int i = 0; i < orders; ++i) {
    try {
      HttpReply reply = client.graphql(create_order_query(kSymbols[i % kSymbols.size()]));
      json created = reply.json();
      json answer = created.is_object() && created.contains("data") && created["data"].is_object()
                        ? created["data"].value("createOrder", json())
                        : json();
      if (answer.is_object() && answer.value("code", "") == "OK" && answer["data"].is_object()) {
        run.acknowledged.push_back(answer["data"].value("id", ""));
        ++run.acknowledged_count;
      } else {
        run.refusals.push_back(std::to_string(reply.status) + " " + reply.body);
      }
    } catch (const HttpClientError& error) {
      run.stopped_by = error.what();
      break;
    }
  }
  run.finished = true;
}

struct OrderSeen {
  std::string symbol;
  std::string status;
  std::int64_t filled = 0;  // micro-shares

  bool operator==(const OrderSeen&) const = default;
};

struct LedgerEntry {
  std::string type;
  std::int64_t amount = 0;  // micro-dollars
  std::string reference;

  bool operator==(const LedgerEntry&) const = default;
};

// One node's view of the user's orders and of the investment account.
struct NodeView {
  bool complete = false;  // every query answered OK
  std::map<std::string, OrderSeen> orders;
  std::vector<LedgerEntry> ledger;
  std::int64_t balance = 0;
  std::map<std::string, std::int64_t> holdings;  // symbol -> micro-shares

  bool operator==(const NodeView&) const = default;
};

NodeView view_of(std::uint16_t port, const std::string& token, const std::string& account_id) {
  NodeView view;
  try {
    HttpClient client("127.0.0.1", port);
    client.set_bearer(token);
    json orders = graphql_field(
        client, "{ getOrders { code count data { id symbol status filledQuantity } } }",
        "getOrders");
    json ledger = graphql_field(client,
                                "{ getTransactions(request: {accountId: \"" + account_id +
                                    "\"}) { code data { type amount referenceId } } }",
                                "getTransactions");
    json summary = graphql_field(client, "{ getPortfolioSummary { code accounts { id balance } } }",
                                 "getPortfolioSummary");
    json holdings = graphql_field(client,
                                  "{ getHoldings(request: {accountId: \"" + account_id +
                                      "\"}) { code data { symbol quantity } } }",
                                  "getHoldings");
    for (const json* answer : {&orders, &ledger, &summary, &holdings}) {
      if (!answer->is_object() || answer->value("code", "") != "OK") return view;
    }
    for (const json& order : orders.value("data", json::array())) {
      view.orders[order.value("id", "")] = {order.value("symbol", ""), order.value("status", ""),
                                            micros(order.at("filledQuantity"))};
    }
    for (const json& entry : ledger.value("data", json::array())) {
      view.ledger.push_back({entry.value("type", ""), micros(entry.at("amount")),
                             entry.value("referenceId", json()).is_string()
                                 ? entry.at("referenceId").get<std::string>()
                                 : std::string()});
    }
    bool found = false;
    for (const json& account : summary.value("accounts", json::array())) {
      if (account.value("id", "") != account_id) continue;
      view.balance = micros(account.at("balance"));
      found = true;
    }
    for (const json& holding : holdings.value("data", json::array())) {
      view.holdings[holding.value("symbol", "")] += micros(holding.at("quantity"));
    }
    view.complete = found;
  } catch (const HttpClientError&) {
    view.complete = false;
  }
  return view;
}

std::int64_t ledger_sum(const NodeView& view) {
  std::int64_t sum = 0;
  for (const LedgerEntry& entry : view.ledger) sum += entry.amount;
  return sum;
}

int buy_entries(const NodeView& view) {
  int buys = 0;
  for (const LedgerEntry& entry : view.ledger) buys += entry.type == "BUY" ? 1 : 0;
  return buys;
}

int filled_orders(const NodeView& view) {
  int filled = 0;
  for (const auto& [id, order] : view.orders) filled += order.status == "FILLED" ? 1 : 0;
  return filled;
}

// Whether the view shows every acknowledged order filled and the ledger caught up with the fills.
bool settled(const NodeView& view, const std::vector<std::string>& acknowledged) {
  if (!view.complete) return false;
  for (const std::string& id : acknowledged) {
    auto order = view.orders.find(id);
    if (order == view.orders.end() || order->second.status != "FILLED") return false;
  }
  return buy_entries(view) == filled_orders(view) && ledger_sum(view) == view.balance;
}

// Checks the account invariants of one node's settled view.
void check_view(const std::string& node, const NodeView& view,
                const std::vector<std::string>& acknowledged) {
  INFO("node " << node);
  REQUIRE(view.complete);
  for (const std::string& id : acknowledged) {
    INFO("acknowledged order " << id);
    REQUIRE(view.orders.count(id) == 1);
    CHECK(view.orders.at(id).status == "FILLED");
    CHECK(view.orders.at(id).filled == kMicros);
  }

  std::map<std::string, int> fills_per_order;
  std::map<std::string, std::int64_t> shares_bought;
  for (const auto& [id, order] : view.orders) {
    INFO("order " << id << " " << order.symbol << " " << order.status);
    CHECK(order.status == "FILLED");
    if (order.status == "FILLED") shares_bought[order.symbol] += order.filled;
  }
  std::int64_t deposits = 0;
  for (const LedgerEntry& entry : view.ledger) {
    if (entry.type == "BUY") {
      ++fills_per_order[entry.reference];
      CHECK(entry.amount < 0);
    } else {
      CHECK(entry.type == "DEPOSIT");
      deposits += entry.amount;
    }
  }
  CHECK(deposits == (kOpeningDeposit + kDeposit) * kMicros);

  // No fill settled twice, none lost: one BUY entry per filled order, referencing it.
  CHECK(buy_entries(view) == filled_orders(view));
  for (const auto& [reference, count] : fills_per_order) {
    INFO("BUY entries referencing " << reference);
    CHECK(count == 1);
    CHECK((view.orders.count(reference) == 1 && view.orders.at(reference).status == "FILLED"));
  }

  CHECK(view.balance == ledger_sum(view));
  CHECK(view.balance >= 0);
  CHECK(view.holdings == shares_bought);
  for (const auto& [symbol, quantity] : view.holdings) {
    INFO("holding " << symbol);
    CHECK(quantity >= 0);
  }
}

}  // namespace

TEST_CASE("a killed cluster node loses no acknowledged order and settles every fill once",
          "[cluster][failover]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  auto test_started = SteadyClock::now();
  std::map<std::string, std::string> env = fresh_cluster_env(*servers);
  TempDir dir_a;
  TempDir dir_b;

  // A starts first and takes the market lead; then B joins.
  ServeProcess a(serve_args(dir_a.path()), env);
  bool a_leads =
      eventually(kWaitForLead, [&] { return count_of(a.log_text(), "took the market lead") == 1; });
  {
    INFO("A's log (end):\n" << tail(a.log_text()));
    REQUIRE(a_leads);
  }
  ServeProcess b(serve_args(dir_b.path()), env);

  std::string token = register_and_log_in(a.port(), "failover@example.com", std::string(kPassword));
  REQUIRE(!token.empty());
  HttpClient setup("127.0.0.1", a.port());
  setup.set_bearer(token);

  // The member role arrives with users.registered, handled by whichever node gets it.
  std::string account_id;
  REQUIRE(eventually(std::chrono::seconds(10), [&] {
    json created = graphql_field(
        setup,
        "mutation { createAccount(request: {type: \"INVESTMENT\", currency: \"USD\"}) "
        "{ code data { id } } }",
        "createAccount");
    if (!created.is_object() || created.value("code", "") != "OK") return false;
    account_id = created["data"].value("id", "");
    return true;
  }));
  json deposited = graphql_field(setup,
                                 "mutation { deposit(request: {accountId: \"" + account_id +
                                     "\", amount: " + std::to_string(kDeposit) +
                                     ", currency: \"USD\"}) { code newBalance } }",
                                 "deposit");
  {
    INFO(deposited.dump());
    REQUIRE(deposited.value("code", "") == "OK");
  }
  setup.close();

  // One client per node; A dies under its client's feet.
  TradingRun run_a;
  TradingRun run_b;
  std::jthread trader_a([&] { trade(a.port(), token, kOrdersPerNode, run_a); });
  std::jthread trader_b([&] { trade(b.port(), token, kOrdersPerNode, run_b); });
  bool reached = eventually(
      kWaitForKill,
      [&] { return run_a.acknowledged_count >= kAcknowledgedOnABeforeKill || run_a.finished; },
      std::chrono::milliseconds(1));
  int b_lead_before_kill = count_of(b.log_text(), "took the market lead");
  int acknowledged_b_at_kill = run_b.acknowledged_count;
  a.kill_hard();
  auto killed_at = SteadyClock::now();
  trader_a.join();
  bool b_took_lead = eventually(kWaitForLead, [&] {
    return count_of(b.log_text(), "took the market lead") > b_lead_before_kill;
  });
  auto lead_taken_after = SteadyClock::now() - killed_at;
  a.restart();
  trader_b.join();

  std::vector<std::string> acknowledged = run_a.acknowledged;
  acknowledged.insert(acknowledged.end(), run_b.acknowledged.begin(), run_b.acknowledged.end());
  auto settle_started = SteadyClock::now();
  NodeView view_a;
  NodeView view_b;
  bool stable = eventually(kWaitForSettling, [&] {
    NodeView previous_a = view_a;
    NodeView previous_b = view_b;
    view_a = view_of(a.port(), token, account_id);
    view_b = view_of(b.port(), token, account_id);
    return settled(view_a, acknowledged) && settled(view_b, acknowledged) && view_a == previous_a &&
           view_b == previous_b && view_a == view_b;
  });
  auto settling_took = SteadyClock::now() - settle_started;

  std::ostringstream numbers;
  numbers << "acknowledged on A: " << run_a.acknowledged.size()
          << ", on B: " << run_b.acknowledged.size() << " of " << kOrdersPerNode
          << " (B before the kill: " << acknowledged_b_at_kill << ")"
          << "; orders stored: " << view_b.orders.size() << "; B took the lead "
          << std::chrono::duration_cast<std::chrono::milliseconds>(lead_taken_after).count()
          << " ms after the kill; settled in "
          << std::chrono::duration_cast<std::chrono::milliseconds>(settling_took).count()
          << " ms; test took "
          << std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() -
                                                                   test_started)
                 .count()
          << " ms; A's client stopped by: " << run_a.stopped_by;
  WARN(numbers.str());
  INFO("A's log (end):\n" << tail(a.log_text()) << "\nB's log (end):\n" << tail(b.log_text()));

  CHECK(reached);
  CHECK(b_lead_before_kill == 0);
  CHECK(b_took_lead);
  CHECK(run_a.acknowledged.size() >= static_cast<std::size_t>(kAcknowledgedOnABeforeKill));
  CHECK(run_a.refusals.empty());
  CHECK(run_b.refusals.empty());
  CHECK(run_b.stopped_by.empty());
  CHECK(run_b.acknowledged.size() == static_cast<std::size_t>(kOrdersPerNode));
  CHECK(stable);
  check_view("A", view_a, acknowledged);
  check_view("B", view_b, acknowledged);
  CHECK(view_a == view_b);
}

}  // namespace fafnir
