// Abuse of the HTTP server (SPEC §10) over a real socket: forged and expired tokens, malformed
// JSON and GraphQL, oversized and deeply nested requests, unknown paths, mutations over GET,
// login throttling; plus /metrics, /healthz, keep-alive, timeouts and graceful shutdown. After
// every abuse the server must still answer.

#include <atomic>
#include <future>
#include <string>
#include <thread>

#include <catch2/catch.hpp>
#include <sodium.h>

#include "core/common/encoding.h"
#include "tests/support/http_fixture.h"

namespace fafnir::http_test {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;
using SteadyClock = std::chrono::steady_clock;

void check_error(const HttpReply& reply, unsigned status, std::string_view code) {
  INFO(reply.status << " " << reply.body);
  CHECK(reply.status == status);
  json body = reply.json();
  REQUIRE(body.is_object());
  CHECK(body["error"]["code"] == code);
  CHECK(body["error"]["message"].is_string());
}

// A GraphQL request error: 400, errors with messages and codes, no data.
json check_request_error(const HttpReply& reply, unsigned status = 400) {
  INFO(reply.status << " " << reply.body.substr(0, 2000));
  CHECK(reply.status == status);
  json body = reply.json();
  REQUIRE(body.is_object());
  REQUIRE(body["errors"].is_array());
  REQUIRE_FALSE(body["errors"].empty());
  for (const json& error : body["errors"]) {
    CHECK(error["message"].is_string());
    CHECK(error["extensions"]["code"].is_string());
  }
  CHECK_FALSE(body.contains("data"));
  return body;
}

// A GraphQL request error (400) each of whose errors has extensions.code `code`.
void check_request_error_code(const HttpReply& reply, std::string_view code) {
  const json body = check_request_error(reply);
  for (const json& error : body["errors"]) {
    INFO(error.dump());
    CHECK(error["extensions"]["code"] == code);
  }
}

void check_alive(HttpFixture& fixture) {
  HttpReply health = fixture.client().get("/healthz");
  CHECK(health.status == 200);
  CHECK(health.json() == json{{"status", "ok"}});
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// --- JWT forgery helpers -----------------------------------------------------------------------

struct JwtParts {
  json header;
  json payload;
  std::string signature;  // base64url
};

JwtParts split_jwt(const std::string& token) {
  std::size_t first = token.find('.');
  std::size_t second = token.find('.', first + 1);
  REQUIRE(second != std::string::npos);
  Result<std::string> header = base64url_decode(token.substr(0, first));
  Result<std::string> payload = base64url_decode(token.substr(first + 1, second - first - 1));
  REQUIRE(header.ok());
  REQUIRE(payload.ok());
  return {json::parse(*header), json::parse(*payload), token.substr(second + 1)};
}

std::string unsigned_jwt(const json& header, const json& payload) {
  return base64url_encode(header.dump()) + "." + base64url_encode(payload.dump());
}

std::string hs256(const json& header, const json& payload, std::string_view secret) {
  std::string input = unsigned_jwt(header, payload);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(input.data()),
                                input.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return input + "." + base64url_encode({reinterpret_cast<const char*>(mac), sizeof mac});
}

HttpReply me_with(HttpFixture& fixture, const std::string& token) {
  HttpClient client = fixture.client();
  client.set_bearer(token);
  return client.get("/auth/me");
}

TEST_CASE("http: forged, alg:none and expired JWTs answer 401 INVALID_TOKEN", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  LoggedIn bob = register_and_login(fixture, "bob@example.com");
  JwtParts parts = split_jwt(ada.token);
  REQUIRE(parts.header["alg"] == "HS256");
  REQUIRE(parts.payload["sub"] == ada.user_id);

  // Control: the same claims signed with the server's secret are accepted.
  REQUIRE(me_with(fixture, hs256(parts.header, parts.payload, kJwtSecret)).status == 200);

  {  // tampered payload: Bob's id under Ada's signature
    json payload = parts.payload;
    payload["sub"] = bob.user_id;
    check_error(me_with(fixture, unsigned_jwt(parts.header, payload) + "." + parts.signature), 401,
                "INVALID_TOKEN");
  }
  {  // tampered signature
    std::string token = ada.token;
    token[token.size() - 2] = token[token.size() - 2] == 'A' ? 'B' : 'A';
    check_error(me_with(fixture, token), 401, "INVALID_TOKEN");
    check_error(me_with(fixture, ada.token + "x"), 401, "INVALID_TOKEN");
  }
  {  // alg none, with and without a signature
    for (std::string alg : {"none", "None", "NONE", ""}) {
      json header = {{"alg", alg}, {"typ", "JWT"}};
      INFO("alg '" << alg << "'");
      check_error(me_with(fixture, unsigned_jwt(header, parts.payload) + "."), 401,
                  "INVALID_TOKEN");
      check_error(me_with(fixture, unsigned_jwt(header, parts.payload) + "." + parts.signature),
                  401, "INVALID_TOKEN");
    }
    check_error(me_with(fixture, unsigned_jwt(parts.header, parts.payload) + "."), 401,
                "INVALID_TOKEN");
  }
  {  // another algorithm, or a key that is not the server's
    json hs512 = {{"alg", "HS512"}, {"typ", "JWT"}};
    check_error(me_with(fixture, hs256(hs512, parts.payload, kJwtSecret)), 401, "INVALID_TOKEN");
    check_error(me_with(fixture, hs256(parts.header, parts.payload, "some-other-secret-32-bytes!!!!!!")),
                401, "INVALID_TOKEN");
  }
  {  // well signed but without sub, or already expired
    json no_sub = parts.payload;
    no_sub.erase("sub");
    check_error(me_with(fixture, hs256(parts.header, no_sub, kJwtSecret)), 401, "INVALID_TOKEN");
    json empty_sub = parts.payload;
    empty_sub["sub"] = "";
    check_error(me_with(fixture, hs256(parts.header, empty_sub, kJwtSecret)), 401,
                "INVALID_TOKEN");
    json expired = parts.payload;
    expired["exp"] = fixture.clock().now().seconds() - 1;
    check_error(me_with(fixture, hs256(parts.header, expired, kJwtSecret)), 401, "INVALID_TOKEN");
  }
  {  // expired after an hour of (simulated) time
    fixture.advance(std::chrono::minutes(59));
    CHECK(me_with(fixture, ada.token).status == 200);
    fixture.advance(std::chrono::minutes(1) + seconds(1));
    check_error(me_with(fixture, ada.token), 401, "INVALID_TOKEN");
    check_error(ada.client.get("/auth/me"), 401, "INVALID_TOKEN");  // the cookie holds it too
    // An expired token on GraphQL is no login at all.
    HttpClient api = fixture.client();
    api.set_bearer(ada.token);
    json body = api.graphql("{ getProfileData { code data { userId } } }").json();
    CHECK(body["data"]["getProfileData"]["code"] == "UNAUTHENTICATED");
    CHECK(body["data"]["getProfileData"]["data"].is_null());
    CHECK(body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED");
    // Logging in again works.
    CHECK(fixture.client()
              .post_json("/auth/login", {{"email", "ada@example.com"}, {"password", kPassword}})
              .status == 200);
  }
  {  // a forged token on GraphQL is no login
    json payload = parts.payload;
    payload["sub"] = bob.user_id;
    HttpClient api = fixture.client();
    api.set_bearer(unsigned_jwt({{"alg", "none"}}, payload) + ".");
    json body = api.graphql("{ getProfileData { code data { userId } } }").json();
    INFO(body.dump());
    CHECK(body["data"]["getProfileData"]["code"] == "UNAUTHENTICATED");
    CHECK(body["data"]["getProfileData"]["data"].is_null());
    // The error says what was wrong with the token, not just "log in".
    CHECK(body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED");
    CHECK(body["errors"][0]["message"].get<std::string>().rfind("invalid token", 0) == 0);
  }
  check_alive(fixture);
}

TEST_CASE("http: malformed JSON and GraphQL answer 400 with spec-shaped errors", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  HttpClient& web = ada.client;

  {  // malformed JSON bodies
    check_request_error(web.post("/graphql", "{\"query\": \"{ health }\""));
    check_request_error(web.post("/graphql", "not json at all"));
    check_request_error(web.post("/graphql", ""));
    check_request_error(web.post("/graphql", "{\"query\": 42}"));
    check_request_error(web.post("/graphql", "[\"{ health }\"]"));
    check_request_error(web.post("/graphql", "{\"query\": \"{ health }\", \"variables\": [1]}"));
    check_request_error(web.post("/graphql", "{\"query\": \"{ health }\", \"variables\": \"x\"}"));
    check_request_error(web.post("/graphql", std::string("{\"query\": \"{ health }\xff\xfe\"}")));
    check_error(web.post("/auth/register", "{\"email\": \"a@b.c\", }"), 400, "INVALID_INPUT");
    check_error(web.post("/auth/login", "\x01\x02\x03"), 400, "INVALID_INPUT");
  }
  {  // a GraphQL syntax error has locations
    json body = check_request_error(web.graphql("{ getStockQuote(symbol: \"AAPL\" { code } }"));
    const json& error = body["errors"][0];
    REQUIRE(error["locations"].is_array());
    REQUIRE_FALSE(error["locations"].empty());
    CHECK(error["locations"][0]["line"] == 1);
    CHECK(error["locations"][0]["column"].get<int>() > 1);
    json unterminated = check_request_error(web.graphql("{ health \n  \"unterminated"));
    CHECK(unterminated["errors"][0]["locations"][0]["line"] == 2);
    check_request_error(web.graphql(""));
    check_request_error(web.graphql("{}"));
    check_request_error(web.graphql("query { health } }"));
    check_request_error(web.graphql("mutation"));
  }
  {  // unknown fields, arguments and types
    json body = check_request_error(web.graphql("{ health stealEverything }"));
    CHECK(body["errors"][0]["message"].get<std::string>().find("stealEverything") !=
          std::string::npos);
    CHECK(body["errors"][0]["locations"].is_array());
    check_request_error(web.graphql("{ getStockQuote(symbol: \"AAPL\", bogus: 1) { code } }"));
    check_request_error(web.graphql("{ getStockQuote(symbol: \"AAPL\") { code data { nope } } }"));
    check_request_error(web.graphql("{ getStockQuote(symbol: \"AAPL\") }"));  // needs a selection
    check_request_error(web.graphql("{ health { length } }"));
    check_request_error(web.graphql("query($x: NoSuchType) { health }", {{"x", 1}}));
    check_request_error(web.graphql("mutation { getOrders { code } }"));
    check_request_error(web.graphql("{ getOrders { code } }", nullptr, "NoSuchOperation"));
    check_request_error(web.graphql("query A { health } query B { health }"));  // which one?
  }
  {  // wrong argument and variable types
    const char* quote = "query($s: String!) { getStockQuote(symbol: $s) { code } }";
    check_request_error(web.graphql(quote, {{"s", 5}}));
    check_request_error(web.graphql(quote, {{"s", json::array({"AAPL"})}}));
    check_request_error(web.graphql(quote, {{"s", nullptr}}));
    check_request_error(web.graphql(quote, json::object()));
    check_request_error(web.graphql("{ getStockQuote(symbol: 5) { code } }"));
    check_request_error(web.graphql("{ getStockQuote { code } }"));
    check_request_error(web.graphql(
        "query($q: Float!) { getStockQuote(symbol: $q) { code } }", {{"q", 1.5}}));
    const char* order =
        "mutation($r: CreateOrderRequest!) { createOrder(request: $r) { code data { id } } }";
    check_request_error(web.graphql(
        order, {{"r", {{"symbol", "AAPL"}, {"side", "BUY"}, {"type", "MARKET"}, {"quantity", "1"}}}}));
    check_request_error(web.graphql(
        order, {{"r", {{"symbol", "AAPL"}, {"side", "BUY"}, {"type", "MARKET"}}}}));
    check_request_error(web.graphql(order, {{"r", {{"symbol", "AAPL"},
                                                   {"side", "BUY"},
                                                   {"type", "MARKET"},
                                                   {"quantity", 1},
                                                   {"extra", true}}}}));
    check_request_error(web.graphql(
        "query($n: Int) { searchStocks(query: \"a\", limit: $n) { symbol } }", {{"n", 1.5}}));
    check_request_error(web.graphql(
        "query($n: Int) { searchStocks(query: \"a\", limit: $n) { symbol } }", {{"n", 1e12}}));
    // Nothing was ordered.
    json orders = web.graphql("{ getOrders { code count } }").json();
    CHECK(orders["data"]["getOrders"]["count"] == 0);
  }
  {  // non-finite numbers in variables are refused
    const std::string body =
        R"({"query": "query($q: Float!) { getStockQuote(symbol: \"AAPL\") { code } o: getOrders { count } }", )"
        R"("variables": {"q": 1e400}})";
    HttpReply reply = web.post("/graphql", body);
    INFO(reply.body);
    CHECK(reply.status == 400);
  }
  check_alive(fixture);
}

TEST_CASE("http: GraphQL request errors name GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED or "
          "BAD_USER_INPUT", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  HttpClient& web = ada.client;
  constexpr std::string_view kParse = "GRAPHQL_PARSE_FAILED";
  constexpr std::string_view kValidation = "GRAPHQL_VALIDATION_FAILED";
  constexpr std::string_view kInput = "BAD_USER_INPUT";

  {  // text that does not parse, including the size and depth limits met while parsing
    check_request_error_code(web.graphql(""), kParse);
    check_request_error_code(web.graphql("{ getStockQuote(symbol: \"AAPL\" { code } }"), kParse);
    check_request_error_code(web.graphql("{ health \n  \"unterminated"), kParse);
    check_request_error_code(web.graphql("query { health } }"), kParse);
    check_request_error_code(web.graphql("{ health " + std::string(300 * 1024, ' ') + "}"), kParse);
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "{ a ";
    check_request_error_code(web.graphql(deep + std::string(5000, '}')), kParse);
    check_request_error_code(web.get("/graphql?query=" + url_encode("{ health")), kParse);
  }
  {  // documents that do not validate, or name no operation this request can run
    check_request_error_code(web.graphql("{ health stealEverything }"), kValidation);
    check_request_error_code(
        web.graphql("{ getStockQuote(symbol: \"AAPL\", bogus: 1) { code } }"), kValidation);
    check_request_error_code(web.graphql("query($x: NoSuchType) { health }", {{"x", 1}}),
                             kValidation);
    check_request_error_code(web.graphql("{ getStockQuote(symbol: 5) { code } }"), kValidation);
    check_request_error_code(web.graphql("{ getStockQuote { code } }"), kValidation);
    check_request_error_code(web.graphql("{ getStockQuote(symbol: \"AAPL\") }"), kValidation);
    check_request_error_code(
        web.graphql("query { ...A } fragment A on Query { health ...B } fragment B on Query { ...A }"),
        kValidation);
    check_request_error_code(web.graphql("{ getOrders { code } }", nullptr, "NoSuchOperation"),
                             kValidation);
    check_request_error_code(web.graphql("query A { health } query B { health }"), kValidation);
    const std::string mutation = "mutation { addToWatchlist(request: {symbol: \"AAPL\"}) { code } }";
    check_request_error_code(web.get("/graphql?query=" + url_encode(mutation)), kValidation);
  }
  {  // variables that do not coerce to their declared types
    const char* quote = "query($s: String!) { getStockQuote(symbol: $s) { code } }";
    check_request_error_code(web.graphql(quote, {{"s", 5}}), kInput);
    check_request_error_code(web.graphql(quote, {{"s", nullptr}}), kInput);
    check_request_error_code(web.graphql(quote, json::object()), kInput);
    const char* order =
        "mutation($r: CreateOrderRequest!) { createOrder(request: $r) { code data { id } } }";
    check_request_error_code(
        web.graphql(order, {{"r", {{"symbol", "AAPL"}, {"side", "BUY"}, {"type", "MARKET"}}}}),
        kInput);
    check_request_error_code(
        web.graphql("query($n: Int) { searchStocks(query: \"a\", limit: $n) { symbol } }",
                    {{"n", 1.5}}),
        kInput);
  }
  {  // field errors keep their own codes and answer 200
    HttpReply reply = web.graphql("{ getStockQuote(symbol: \"NOPE\") { code } }");
    CHECK(reply.status == 200);
    CHECK(reply.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND");
  }
  check_alive(fixture);
}

TEST_CASE("http: a 2 MiB body answers 413 and the server stays up", "[http]") {
  HttpFixture fixture;
  HttpClient client = fixture.client();
  const std::string big(2 << 20, ' ');

  {  // with Content-Length
    std::string request =
        "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        "Content-Length: " + std::to_string(big.size() + 20) + "\r\n\r\n{\"query\":\"{health}\"" +
        big + "}";
    HttpReply reply = client.raw(request);
    INFO(reply.body);
    CHECK(reply.status == 413);
    CHECK_FALSE(reply.keep_alive);
    check_alive(fixture);
  }
  {  // chunked
    std::string request =
        "POST /auth/register HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string chunk(64 * 1024, 'a');
    for (int i = 0; i < 32; ++i) request += "10000\r\n" + chunk + "\r\n";
    request += "0\r\n\r\n";
    HttpReply reply = client.raw(request);
    CHECK(reply.status == 413);
    check_alive(fixture);
  }
  {  // through the client, on a kept-alive connection
    REQUIRE(client.get("/healthz").status == 200);
    HttpReply reply = client.post("/graphql", "{\"query\":\"{health}\",\"pad\":\"" + big + "\"}");
    CHECK(reply.status == 413);
    check_alive(fixture);
  }
  {  // just under the limit is served
    std::string padding(900 * 1024, 'x');
    HttpReply reply =
        client.post("/graphql", "{\"query\":\"{ health }\",\"extensions\":{\"pad\":\"" + padding + "\"}}");
    INFO(reply.body.substr(0, 500));
    CHECK(reply.status == 200);
    CHECK(reply.json()["data"]["health"] == "ok");
  }
}

TEST_CASE("http: 5,000-deep nesting is refused cleanly", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  HttpClient& web = ada.client;
  constexpr int kDepth = 5000;

  {  // selection sets
    std::string query;
    for (int i = 0; i < kDepth; ++i) query += "{ a ";
    query += std::string(kDepth, '}');
    check_request_error(web.graphql(query));
  }
  {  // list values in a query
    std::string query = "{ getStockQuoteBatch(symbols: " + std::string(kDepth, '[') + "\"A\"" +
                        std::string(kDepth, ']') + ") { code } }";
    check_request_error(web.graphql(query));
  }
  {  // object values in a query
    std::string value;
    for (int i = 0; i < kDepth; ++i) value += "{a: ";
    value += "1" + std::string(kDepth, '}');
    check_request_error(web.graphql("{ getOrderByOrderID(request: " + value + ") { code } }"));
  }
  {  // variables in the JSON body
    std::string body = "{\"query\":\"query($s: [String!]!) { getStockQuoteBatch(symbols: $s) "
                       "{ code } }\",\"variables\":{\"s\":" +
                       std::string(kDepth, '[') + std::string(kDepth, ']') + "}}";
    check_request_error(web.post("/graphql", body));
  }
  {  // a JSON body on REST
    check_error(web.post("/auth/register", std::string(kDepth, '[') + std::string(kDepth, ']')),
                400, "INVALID_INPUT");
    check_error(web.post("/auth/login", std::string(kDepth, '{')), 400, "INVALID_INPUT");
  }
  {  // a GET query string
    std::string query;
    for (int i = 0; i < 1000; ++i) query += "{a";
    HttpReply reply = web.get("/graphql?query=" + url_encode(query));
    CHECK(reply.status == 400);
  }
  {  // fragment cycles
    check_request_error(web.graphql(
        "query { ...A } fragment A on Query { health ...B } fragment B on Query { ...A }"));
  }
  check_alive(fixture);
  CHECK(web.get("/auth/me").status == 200);
}

TEST_CASE("http: unknown paths, methods and GET mutations", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  HttpClient& web = ada.client;

  check_error(web.get("/nope"), 404, "NOT_FOUND");
  check_error(web.get("/graphql/../etc/passwd"), 404, "NOT_FOUND");
  check_error(web.post("/auth/nope", "{}"), 405, "INVALID_INPUT");
  check_error(web.request(boost::beast::http::verb::put, "/graphql", "{}"), 405, "INVALID_INPUT");

  const std::string mutation = "mutation { addToWatchlist(request: {symbol: \"AAPL\"}) { code } }";
  json body = check_request_error(web.get("/graphql?query=" + url_encode(mutation)));
  CHECK(body["errors"][0]["message"].get<std::string>().find("utation") != std::string::npos);
  json list = web.graphql("{ getWatchlist { data { symbol } } }").json();
  CHECK(list["data"]["getWatchlist"]["data"].empty());  // not executed
  check_request_error(web.get("/graphql"));
  check_request_error(web.get("/graphql?query=%7Bhealth%7D&variables=%7Bbroken"));

  HttpReply page = web.get("/");
  CHECK(page.status == 200);
  CHECK(page.header("Content-Type").find("text/html") == 0);
  check_alive(fixture);
}

TEST_CASE("http: /healthz and /metrics in Prometheus text format", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  HttpClient& web = ada.client;
  json account = web.graphql("mutation { createAccount(request: {type: \"INVESTMENT\", currency: "
                             "\"USD\"}) { code } }")
                     .json();
  REQUIRE(account["data"]["createAccount"]["code"] == "OK");
  json order = web.graphql("mutation { createOrder(request: {symbol: \"AAPL\", side: \"BUY\", type: "
                           "\"MARKET\", quantity: 1}) { code } }")
                   .json();
  REQUIRE(order["data"]["createOrder"]["code"] == "OK");
  check_alive(fixture);
  web.get("/nope");

  HttpReply head = fixture.client().request(boost::beast::http::verb::head, "/healthz");
  CHECK(head.status == 200);
  CHECK(head.header("Content-Length") == "15");
  CHECK(head.body.empty());
  CHECK(fixture.client().get("/healthz").body == R"({"status":"ok"})");  // same connection

  HttpReply metrics = fixture.client().get("/metrics");
  REQUIRE(metrics.status == 200);
  CHECK(metrics.header("Content-Type").find("text/plain") == 0);
  const std::string& text = metrics.body;
  INFO(text);
  CHECK(text.find("# TYPE fafnir_http_requests_total counter") != std::string::npos);
  CHECK(text.find("fafnir_http_requests_total{route=\"/healthz\",status=\"200\"} 3") !=
        std::string::npos);
  CHECK(text.find("fafnir_http_requests_total{route=\"/graphql\",status=\"200\"} 2") !=
        std::string::npos);
  CHECK(text.find("fafnir_http_requests_total{route=\"/auth/register\",status=\"201\"} 1") !=
        std::string::npos);
  CHECK(text.find("fafnir_http_requests_total{route=\"other\",status=\"404\"} 1") !=
        std::string::npos);
  CHECK(text.find("fafnir_http_request_duration_seconds_bucket{le=\"+Inf\"}") != std::string::npos);
  CHECK(text.find("fafnir_http_request_duration_seconds_count") != std::string::npos);
  CHECK(text.find("fafnir_orders{status=\"FILLED\"} 1") != std::string::npos);
  CHECK(text.find("fafnir_event_consumer_lag{group=") != std::string::npos);
  // Every sample line is "name{labels} value" or "name value".
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    if (line.empty() || line[0] == '#') continue;
    INFO(line);
    CHECK(line.rfind("fafnir_", 0) == 0);
    CHECK(line.find(' ') != std::string::npos);
  }
}

TEST_CASE("http: login throttling answers 429 per address and per email", "[http]") {
  HttpFixture fixture;
  for (int i = 0; i < 3; ++i) {
    HttpClient client = fixture.client();
    REQUIRE(client.post_json("/auth/register", {{"email", "user" + std::to_string(i) + "@example.com"},
                                                {"password", kPassword},
                                                {"firstName", "A"},
                                                {"lastName", "B"}})
                .status == 201);
  }
  HttpClient client = fixture.client();
  auto login = [&](const std::string& email, std::string_view password) {
    return client.post_json("/auth/login", {{"email", email}, {"password", password}});
  };

  {  // 5 wrong passwords for one email
    for (int i = 0; i < 5; ++i) check_error(login("user1@example.com", "wrong password"), 401, "UNAUTHORIZED");
    HttpReply refused = login("user1@example.com", kPassword);
    CHECK(refused.status == 429);
    CHECK(login("user2@example.com", kPassword).status == 200);  // others may log in
    fixture.advance(seconds(31));
    CHECK(login("user1@example.com", kPassword).status == 200);
  }
  {  // 10 wrong passwords from one address
    for (int i = 0; i < 10; ++i) {
      // Spread over emails (and unknown ones), so that only the address limit applies.
      std::string email = i < 3 ? "user" + std::to_string(i) + "@example.com"
                                : "nobody" + std::to_string(i) + "@example.com";
      INFO("attempt " << i);
      check_error(login(email, "wrong password"), 401, "UNAUTHORIZED");
    }
    HttpReply refused = login("user0@example.com", kPassword);
    INFO(refused.body);
    CHECK(refused.status == 429);
    CHECK(refused.json()["error"]["message"].is_string());
    CHECK(refused.set_cookies.empty());
    // Registration is not throttled; the lockout ends.
    fixture.advance(seconds(31));
    CHECK(login("user0@example.com", kPassword).status == 200);
  }
  check_alive(fixture);
}

TEST_CASE("http: keep-alive serves many requests over one connection", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  HttpClient& web = ada.client;
  const int before = web.connections();
  for (int i = 0; i < 5; ++i) {
    HttpReply health = web.get("/healthz");
    CHECK(health.status == 200);
    CHECK(health.keep_alive);
    CHECK(web.graphql("{ health }").status == 200);
    CHECK(web.get("/nope").status == 404);  // errors keep the connection too
    CHECK(web.get("/auth/me").status == 200);
  }
  CHECK(web.connections() == before);
  CHECK(web.is_open());

  // Connection: close is honoured.
  HttpReply closing = web.get("/healthz", {{"Connection", "close"}});
  CHECK(closing.status == 200);
  CHECK_FALSE(closing.keep_alive);
  CHECK_FALSE(web.is_open());
  CHECK(web.get("/healthz").status == 200);
  CHECK(web.connections() == before + 1);

  // Pipelined requests are answered in order.
  std::vector<HttpReply> replies = fixture.client().raw_pipelined(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n{\"query\":\"{health}\"}"
      "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      4);
  REQUIRE(replies.size() == 4);
  CHECK(replies[0].status == 200);
  CHECK(replies[1].status == 404);
  CHECK(replies[2].status == 200);
  CHECK(replies[2].json()["data"]["health"] == "ok");
  CHECK(replies[3].status == 200);
  CHECK_FALSE(replies[3].keep_alive);

  // HTTP/1.0 without keep-alive is closed after its response.
  HttpReply old = fixture.client().raw("GET /healthz HTTP/1.0\r\n\r\n");
  CHECK(old.status == 200);
  CHECK_FALSE(old.keep_alive);

  // Garbage on the wire is answered 400, not a crash.
  HttpReply garbage = fixture.client().raw("\x16\x03\x01\x02\x00 not http\r\n\r\n");
  CHECK(garbage.status == 400);
  check_alive(fixture);
}

// SPEC §10: bad input gets a clear error. Requests whose framing is broken are answered 400
// (RFC 9112 §6.3 asks for it for an invalid Content-Length) rather than dropped without a word.
TEST_CASE("http: malformed HTTP framing answers 400 malformed request", "[http]") {
  HttpFixture fixture;
  for (std::string head : {
           std::string("Content-Length: -5\r\n"),
           std::string("Content-Length: 99999999999999999999999\r\n"),
           std::string("Content-Length: 1\r\nContent-Length: 2\r\n"),
           std::string("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"),
           std::string("Transfer-Encoding: gzip\r\n"),
           std::string("Bad Header: x\r\n"),
       }) {
    INFO(head);
    unsigned status = 0;
    try {
      status = fixture.client(milliseconds(2000))
                   .raw("POST /graphql HTTP/1.1\r\nHost: x\r\n" + head + "\r\n0\r\n\r\n")
                   .status;
    } catch (const HttpClientError& error) {
      UNSCOPED_INFO("no response: " << error.what());
    }
    CHECK(status == 400);
  }
  check_alive(fixture);
}

TEST_CASE("http: a client that stalls mid-request is disconnected after the header timeout",
          "[http]") {
  HttpFixtureOptions options;
  options.header_timeout = seconds(1);
  HttpFixture fixture(options);
  HttpClient slow = fixture.client(milliseconds(4000));
  auto start = SteadyClock::now();
  CHECK_THROWS_AS(slow.raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "), HttpClientError);
  auto elapsed = SteadyClock::now() - start;
  CHECK(elapsed >= milliseconds(900));
  CHECK(elapsed < milliseconds(3000));
  check_alive(fixture);
}

TEST_CASE("http: shutdown lets the request in flight finish and run() returns promptly",
          "[http]") {
  HttpFixture fixture;
  std::promise<void> entered;
  std::atomic<bool> signaled{false};
  fixture.on_request([&](const HttpRequest& request) {
    if (request.target() == "/healthz?slow=1" && !signaled.exchange(true)) {
      entered.set_value();
      std::this_thread::sleep_for(milliseconds(300));
    }
  });
  HttpClient idle = fixture.client();
  REQUIRE(idle.get("/healthz").status == 200);  // a kept-alive idle connection
  REQUIRE(idle.is_open());

  HttpClient busy = fixture.client();
  std::future<HttpReply> in_flight =
      std::async(std::launch::async, [&busy] { return busy.get("/healthz?slow=1"); });
  REQUIRE(entered.get_future().wait_for(seconds(5)) == std::future_status::ready);

  auto start = SteadyClock::now();
  CHECK(fixture.stop(seconds(5)));
  auto elapsed = SteadyClock::now() - start;
  CHECK(elapsed < seconds(2));  // not the whole grace period: the idle connection was closed
  REQUIRE(in_flight.wait_for(seconds(5)) == std::future_status::ready);
  HttpReply reply = in_flight.get();
  CHECK(reply.status == 200);
  CHECK_FALSE(reply.keep_alive);

  CHECK_THROWS_AS(idle.get("/healthz"), HttpClientError);
  CHECK_THROWS_AS(fixture.client(milliseconds(1000)).get("/healthz"), HttpClientError);
}

TEST_CASE("http: HttpServer can be destroyed after the shutdown grace period ran out", "[http]") {
  // A handler slower than the grace period: run() returns when the grace ends (or the handler
  // does), and the server must then be destructible. Built directly on HttpServer so that a hang
  // can be contained: the server is destroyed on a thread of its own and leaked if it hangs.
  HttpServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.shutdown_grace = milliseconds(200);
  // Shared with threads that may outlive this test if the server hangs.
  struct State {
    std::atomic<bool> entered{false};
    std::promise<void> run_returned;
    std::promise<void> destroyed;
  };
  auto state = std::make_shared<State>();
  auto* server = new HttpServer(options, [state](const HttpRequest&, RequestInfo&) {
    state->entered = true;
    std::this_thread::sleep_for(milliseconds(800));
    HttpResponse response{boost::beast::http::status::ok, 11};
    response.body() = "slow";
    response.prepare_payload();
    return response;
  });
  REQUIRE(server->start().ok());
  std::future<void> run_returned = state->run_returned.get_future();
  std::thread runner([server, state] {
    server->run(false);
    state->run_returned.set_value();
  });
  std::future<void> request = std::async(std::launch::async, [port = server->port()] {
    try {
      HttpClient("127.0.0.1", port, milliseconds(3000)).get("/");
    } catch (const HttpClientError&) {
    }
  });
  for (int i = 0; i < 500 && !state->entered; ++i) std::this_thread::sleep_for(milliseconds(10));
  REQUIRE(state->entered);
  server->shutdown();
  bool returned = run_returned.wait_for(seconds(5)) == std::future_status::ready;
  CHECK(returned);
  request.wait();
  if (!returned) {
    runner.detach();  // leaks the server: its threads are stuck
    return;
  }
  runner.join();

  std::future<void> destroyed = state->destroyed.get_future();
  std::thread destroyer([server, state] {
    delete server;
    state->destroyed.set_value();
  });
  bool done = destroyed.wait_for(seconds(3)) == std::future_status::ready;
  CHECK(done);  // ~HttpServer must not wait forever for sessions the stopped io_context holds
  if (done) {
    destroyer.join();
  } else {
    destroyer.detach();  // leaks the server and its spinning waiter thread
  }
}

}  // namespace
}  // namespace fafnir::http_test
