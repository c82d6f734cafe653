#include "tests/cluster/cluster_serve_nodes.h"

#include "tests/cluster/cluster_test_database.h"
#include "tests/cluster/cluster_test_streams.h"

namespace fafnir::cluster_serve {

using json = nlohmann::json;

std::map<std::string, std::string> fresh_cluster_env(const ClusterServers& servers) {
  empty_stream_and_redis(servers);
  return {{"FAFNIR_POSTGRES_URL", fresh_postgres_database(servers)},
          {"FAFNIR_REDIS_URL", servers.redis_url()},
          {"FAFNIR_NATS_URL", servers.nats_url()},
          {"FAFNIR_JWT_SECRET", std::string(kJwtSecret)},
          {"FAFNIR_HASH_COST", "fast"}};
}

std::vector<std::string> serve_args(const std::filesystem::path& data_dir) {
  std::vector<std::string> args{"--transport", "cluster", "--data-dir", data_dir.string()};
  for (const char* arg : {"--seed", "7", "--start", "2026-01-01T00:00:00Z"}) args.emplace_back(arg);
  for (const char* arg : {"serve", "--port", "0", "--tick", "1s"}) args.emplace_back(arg);
  return args;
}

std::string tail(const std::string& log) {
  constexpr std::size_t kTail = 3000;
  return log.size() > kTail ? "..." + log.substr(log.size() - kTail) : log;
}

int count_of(const std::string& text, std::string_view needle) {
  int count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

json graphql_field(http_test::HttpClient& client, const std::string& query,
                   std::string_view field) {
  http_test::HttpReply reply = client.graphql(query);
  json body = reply.json();
  if (reply.status != 200 || !body.is_object() || !body.contains("data") ||
      !body["data"].is_object()) {
    return nullptr;
  }
  return body["data"].value(std::string(field), json());
}

std::string register_and_log_in(std::uint16_t port, const std::string& email,
                                const std::string& password) {
  http_test::HttpClient client("127.0.0.1", port);
  http_test::HttpReply registered = client.post_json(
      "/auth/register",
      {{"email", email}, {"password", password}, {"firstName", "Test"}, {"lastName", "User"}});
  if (registered.status != 201) return "";
  http_test::HttpReply login =
      client.post_json("/auth/login?token=1", {{"email", email}, {"password", password}});
  if (login.status != 200) return "";
  return login.json().value("token", "");
}

}  // namespace fafnir::cluster_serve
