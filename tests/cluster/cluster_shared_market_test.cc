// One market shared by every process of a cluster: an operator's override made with the CLI
// reaches the serving nodes within a tick or two, both nodes quote it, and a limit order resting
// on one node fills when the override crosses it.
#include <chrono>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/cluster/cluster_serve_nodes.h"
#include "tests/support/cli_runner.h"
#include "tests/support/http_client.h"
#include "tests/support/serve_process.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

using http_test::HttpClient;
using json = nlohmann::json;
using namespace cluster_serve;

constexpr auto kWaitForNodes = std::chrono::seconds(10);

// `fafnir --transport cluster <global options of serve_args()> args...` on the nodes' servers.
CliRun cluster_cli(const std::map<std::string, std::string>& env, std::vector<std::string> args) {
  TempDir dir;
  CliRunner cli(dir.path());
  for (const auto& [name, value] : env) cli.set_env(name, value);
  std::vector<std::string> global{"--transport", "cluster", "--seed", "7", "--start",
                                  "2026-01-01T00:00:00Z"};
  args.insert(args.begin(), global.begin(), global.end());
  return cli.run(args);
}

// The node's quote of `symbol`; a JSON null when it did not answer OK.
json quote_on(std::uint16_t port, const std::string& token, const std::string& symbol) {
  HttpClient client("127.0.0.1", port);
  client.set_bearer(token);
  json answer = graphql_field(
      client, "{ getStockQuote(symbol: \"" + symbol + "\") { code data { price source } } }",
      "getStockQuote");
  return answer.is_object() && answer.value("code", "") == "OK" ? answer["data"] : json();
}

// Whether `price` is `target` or where the market moved from it since: prices step every minute
// (in wall time here) from an override on, within a fraction of a percent per step.
bool near(double price, double target) { return std::abs(price - target) <= target * 0.01; }

bool quotes_near(std::uint16_t port, const std::string& token, const std::string& symbol,
                 double price) {
  json quote = quote_on(port, token, symbol);
  return quote.is_object() && near(quote.value("price", 0.0), price);
}

}  // namespace

TEST_CASE("an override made with the CLI reaches every serving node of the cluster",
          "[cluster][market]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::map<std::string, std::string> env = fresh_cluster_env(*servers);
  TempDir dir_a;
  TempDir dir_b;
  ServeProcess a(serve_args(dir_a.path()), env);
  ServeProcess b(serve_args(dir_b.path()), env);
  INFO("A's log (end):\n" << tail(a.log_text()) << "\nB's log (end):\n" << tail(b.log_text()));

  std::string token = register_and_log_in(b.port(), "market@example.com", "correct horse 42");
  REQUIRE(!token.empty());
  // The member role (which quotes need) arrives with users.registered on either node.
  json before_a;
  REQUIRE(eventually(kWaitForNodes, [&] {
    before_a = quote_on(a.port(), token, "AAPL");
    return before_a.is_object();
  }));
  REQUIRE(quote_on(b.port(), token, "AAPL").is_object());
  CHECK(before_a["source"] == "simulated");
  REQUIRE_FALSE(near(before_a.value("price", 0.0), 12.34));

  CliRun set = cluster_cli(env, {"market", "set", "AAPL", "12.34"});
  INFO(set.out << set.err);
  REQUIRE(set.exit_code == 0);
  CHECK(eventually(kWaitForNodes, [&] {
    return quotes_near(a.port(), token, "AAPL", 12.34) && quotes_near(b.port(), token, "AAPL", 12.34);
  }));

  // A limit buy resting on B fills at the next override, which the CLI process applies: the
  // resting orders are shared through Redis, the fill settles through JetStream.
  HttpClient client("127.0.0.1", b.port());
  client.set_bearer(token);
  json created = graphql_field(
      client,
      "mutation { createAccount(request: {type: \"INVESTMENT\", currency: \"USD\"}) "
      "{ code data { id } } }",
      "createAccount");
  REQUIRE(created.value("code", "") == "OK");
  json resting = graphql_field(client,
                               "mutation { createOrder(request: {symbol: \"AAPL\", side: \"BUY\", "
                               "type: \"LIMIT\", quantity: 2, price: 12}) "
                               "{ code data { id status } } }",
                               "createOrder");
  REQUIRE(resting.value("code", "") == "OK");
  CHECK(resting["data"].value("status", "") == "PENDING");
  std::string order_id = resting["data"].value("id", "");

  CliRun cross = cluster_cli(env, {"market", "set", "AAPL", "11.90"});
  INFO(cross.out << cross.err);
  REQUIRE(cross.exit_code == 0);
  json filled;
  CHECK(eventually(kWaitForNodes, [&] {
    filled = graphql_field(client,
                           "{ getOrderByOrderID(request: {orderId: \"" + order_id +
                               "\"}) { code data { status avgFillPrice filledQuantity } } }",
                           "getOrderByOrderID");
    return filled.is_object() && filled["data"].is_object() &&
           filled["data"].value("status", "") == "FILLED";
  }));
  INFO(filled.dump());
  CHECK(near(filled["data"].value("avgFillPrice", 0.0), 11.9));
  CHECK(filled["data"].value("avgFillPrice", 0.0) <= 12.0);
  CHECK(filled["data"].value("filledQuantity", 0.0) == 2.0);
  CHECK(eventually(kWaitForNodes, [&] {
    return quotes_near(a.port(), token, "AAPL", 11.9) && quotes_near(b.port(), token, "AAPL", 11.9);
  }));

  // Market time is wall time on a shared market: no process may move it for the others.
  CliRun advance = cluster_cli(env, {"market", "advance", "1d"});
  CHECK(advance.exit_code != 0);
  CHECK(advance.err.find("wall clock") != std::string::npos);
}

}  // namespace fafnir
