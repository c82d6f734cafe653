// The REST auth endpoints of SPEC §6 over a real socket: registration, login cookies and their
// attributes, /auth/me by cookie and by Bearer token, logout, deletion, CSRF, and what the
// server's log may never contain.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/http_fixture.h"

namespace fafnir::http_test {
namespace {

using nlohmann::json;

json registration(std::string_view email, std::string_view password = kPassword) {
  return {{"email", email}, {"password", password}, {"firstName", "Ada"}, {"lastName", "Lovelace"}};
}

// The REST error object: {"error":{"code","message"[,"details"]}}.
void check_error(const HttpReply& reply, unsigned status, std::string_view code) {
  INFO(reply.status << " " << reply.body);
  CHECK(reply.status == status);
  CHECK(reply.header("Content-Type").find("application/json") == 0);
  json body = reply.json();
  REQUIRE(body.is_object());
  REQUIRE(body.contains("error"));
  CHECK(body["error"]["code"] == code);
  REQUIRE(body["error"]["message"].is_string());
  CHECK_FALSE(body["error"]["message"].get<std::string>().empty());
}

// The attributes of a Set-Cookie line, split at ';' and trimmed.
std::set<std::string> attributes(const std::string& line) {
  std::set<std::string> parts;
  std::size_t start = line.find(';');
  while (start != std::string::npos) {
    std::size_t end = line.find(';', start + 1);
    std::string part = line.substr(start + 1, end == std::string::npos ? end : end - start - 1);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    parts.insert(part);
    start = end;
  }
  return parts;
}

TEST_CASE("http: register answers 201, 409 CONFLICT on a duplicate and 400 INVALID_INPUT",
          "[http]") {
  HttpFixture fixture;
  HttpClient client = fixture.client();

  HttpReply created = client.post_json("/auth/register", registration("grace@example.com"));
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(created.json()["userId"].is_string());
  CHECK(created.json()["message"].is_string());

  check_error(client.post_json("/auth/register", registration("grace@example.com")), 409,
              "CONFLICT");
  check_error(client.post_json("/auth/register", registration("GRACE@Example.COM")), 409,
              "CONFLICT");

  check_error(client.post_json("/auth/register", registration("not-an-email")), 400,
              "INVALID_INPUT");
  check_error(client.post_json("/auth/register", registration("short@example.com", "short")), 400,
              "INVALID_INPUT");
  json missing = registration("missing@example.com");
  missing.erase("lastName");
  check_error(client.post_json("/auth/register", missing), 400, "INVALID_INPUT");
  json wrong_type = registration("typed@example.com");
  wrong_type["password"] = 12345678;
  check_error(client.post_json("/auth/register", wrong_type), 400, "INVALID_INPUT");
  json empty_name = registration("empty@example.com");
  empty_name["firstName"] = "";
  check_error(client.post_json("/auth/register", empty_name), 400, "INVALID_INPUT");
  check_error(client.post("/auth/register", "[1,2,3]"), 400, "INVALID_INPUT");
  check_error(client.post("/auth/register", "{\"email\": "), 400, "INVALID_INPUT");
  check_error(client.post("/auth/register", ""), 400, "INVALID_INPUT");

  // None of the refused registrations exists.
  HttpReply login = client.post_json("/auth/login",
                                     {{"email", "missing@example.com"}, {"password", kPassword}});
  check_error(login, 401, "UNAUTHORIZED");
}

TEST_CASE("http: login sets auth_token and csrf_token cookies; ?token=1 returns the JWT",
          "[http]") {
  HttpFixture fixture;
  HttpClient client = fixture.client();
  REQUIRE(client.post_json("/auth/register", registration("ada@example.com")).status == 201);

  HttpReply login =
      client.post_json("/auth/login", {{"email", "ada@example.com"}, {"password", kPassword}});
  INFO(login.body);
  REQUIRE(login.status == 200);
  CHECK(login.json()["message"].is_string());
  CHECK_FALSE(login.json().contains("token"));
  REQUIRE(login.set_cookies.size() == 2);

  const std::string auth = login.set_cookie("auth_token");
  const std::string csrf = login.set_cookie("csrf_token");
  INFO(auth << "\n" << csrf);
  REQUIRE_FALSE(auth.empty());
  REQUIRE_FALSE(csrf.empty());
  CHECK(attributes(auth) == std::set<std::string>{"Path=/", "Max-Age=86400", "SameSite=Lax", "HttpOnly"});
  CHECK(attributes(csrf) == std::set<std::string>{"Path=/", "Max-Age=86400", "SameSite=Lax"});
  const std::string jwt = *client.cookie("auth_token");
  CHECK(std::count(jwt.begin(), jwt.end(), '.') == 2);
  CHECK(client.cookie("csrf_token")->size() >= 32);

  HttpClient cli = fixture.client();
  HttpReply with_token =
      cli.post_json("/auth/login?token=1", {{"email", "ADA@example.com"}, {"password", kPassword}});
  REQUIRE(with_token.status == 200);
  const std::string token = with_token.json().value("token", "");
  REQUIRE_FALSE(token.empty());
  CHECK(token == *cli.cookie("auth_token"));
  CHECK(token != jwt);  // every login is a session of its own

  HttpReply wrong = fixture.client().post_json(
      "/auth/login", {{"email", "ada@example.com"}, {"password", "not the password"}});
  check_error(wrong, 401, "UNAUTHORIZED");
  CHECK(wrong.set_cookies.empty());
  HttpReply unknown = fixture.client().post_json(
      "/auth/login", {{"email", "nobody@example.com"}, {"password", kPassword}});
  check_error(unknown, 401, "UNAUTHORIZED");
  CHECK(unknown.json()["error"]["message"] == wrong.json()["error"]["message"]);
  check_error(fixture.client().post("/auth/login", "{"), 400, "INVALID_INPUT");
  check_error(fixture.client().post_json("/auth/login", {{"email", "ada@example.com"}}), 400,
              "INVALID_INPUT");
}

TEST_CASE("http: /auth/me by cookie or Bearer; 401 without credentials", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");

  HttpReply by_cookie = ada.client.get("/auth/me");
  REQUIRE(by_cookie.status == 200);
  CHECK(by_cookie.json() == json{{"userId", ada.user_id}, {"email", "ada@example.com"}});

  HttpClient bearer = fixture.client();
  bearer.set_bearer(ada.token);
  HttpReply by_bearer = bearer.get("/auth/me");
  REQUIRE(by_bearer.status == 200);
  CHECK(by_bearer.json()["userId"] == ada.user_id);
  // The scheme is case-insensitive.
  CHECK(fixture.client().get("/auth/me", {{"Authorization", "bearer " + ada.token}}).status == 200);

  check_error(fixture.client().get("/auth/me"), 401, "UNAUTHORIZED");
  check_error(fixture.client().get("/auth/me", {{"Authorization", "Basic YWRhOnB3"}}), 401,
              "INVALID_TOKEN");
  check_error(fixture.client().get("/auth/me", {{"Authorization", "Bearer"}}), 401,
              "INVALID_TOKEN");
  HttpClient junk = fixture.client();
  junk.set_cookie("auth_token", "junk");
  check_error(junk.get("/auth/me"), 401, "INVALID_TOKEN");
  // A method the path does not serve.
  check_error(fixture.client().post("/auth/me", "{}"), 405, "INVALID_INPUT");
}

TEST_CASE("http: logout answers 204, clears both cookies and revokes the token", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  const std::string token = *ada.client.cookie("auth_token");
  HttpReply other_session = fixture.client().post_json(
      "/auth/login?token=1", {{"email", "ada@example.com"}, {"password", kPassword}});
  REQUIRE(other_session.status == 200);
  const std::string other_token = other_session.json()["token"];

  HttpReply logout = ada.client.del("/auth/logout");
  CHECK(logout.status == 204);
  CHECK(logout.body.empty());
  CHECK(attributes(logout.set_cookie("auth_token")).count("Max-Age=0") == 1);
  CHECK(attributes(logout.set_cookie("csrf_token")).count("Max-Age=0") == 1);
  CHECK(attributes(logout.set_cookie("auth_token")).count("HttpOnly") == 1);
  CHECK_FALSE(ada.client.cookie("auth_token").has_value());
  CHECK_FALSE(ada.client.cookie("csrf_token").has_value());
  check_error(ada.client.get("/auth/me"), 401, "UNAUTHORIZED");

  HttpClient stolen = fixture.client();
  stolen.set_bearer(token);
  check_error(stolen.get("/auth/me"), 401, "INVALID_TOKEN");
  HttpClient other = fixture.client();
  other.set_bearer(other_token);  // another session of the same user is still live
  CHECK(other.get("/auth/me").status == 200);

  // Logging out without a session is harmless.
  CHECK(fixture.client().del("/auth/logout").status == 204);
}

TEST_CASE("http: DELETE /auth/delete answers 204 and the user can no longer log in", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  LoggedIn bob = register_and_login(fixture, "bob@example.com");

  HttpReply deleted = ada.client.del("/auth/delete");
  CHECK(deleted.status == 204);
  CHECK(attributes(deleted.set_cookie("auth_token")).count("Max-Age=0") == 1);
  CHECK(attributes(deleted.set_cookie("csrf_token")).count("Max-Age=0") == 1);

  HttpReply login = fixture.client().post_json(
      "/auth/login", {{"email", "ada@example.com"}, {"password", kPassword}});
  check_error(login, 401, "UNAUTHORIZED");
  HttpClient old = fixture.client();
  old.set_bearer(ada.token);
  check_error(old.get("/auth/me"), 401, "INVALID_TOKEN");
  check_error(old.del("/auth/delete"), 401, "INVALID_TOKEN");
  check_error(fixture.client().del("/auth/delete"), 401, "UNAUTHORIZED");

  // Bob is untouched.
  CHECK(bob.client.get("/auth/me").status == 200);
}

// A GraphQL query a logged-in user may make, answered with the errors' codes (empty: none).
std::vector<std::string> quote_error_codes(HttpClient& client) {
  HttpReply reply = client.graphql("{ getStockQuote(symbol: \"AAPL\") { code } }");
  INFO(reply.body);
  REQUIRE(reply.status == 200);
  const json body = reply.json();
  std::vector<std::string> codes;
  for (const json& error : body.value("errors", json::array())) {
    codes.push_back(error["extensions"]["code"].get<std::string>());
  }
  return codes;
}

TEST_CASE("http: a token in use is refused on the very next request after logout or deletion",
          "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  HttpReply second_login = fixture.client().post_json(
      "/auth/login?token=1", {{"email", "ada@example.com"}, {"password", kPassword}});
  REQUIRE(second_login.status == 200);
  HttpClient laptop = fixture.client();
  laptop.set_bearer(ada.token);
  HttpClient phone = fixture.client();
  phone.set_bearer(second_login.json()["token"].get<std::string>());
  for (int i = 0; i < 3; ++i) {
    CHECK(ada.client.get("/auth/me").status == 200);  // the same token, as a cookie
    CHECK(quote_error_codes(laptop).empty());
    CHECK(quote_error_codes(phone).empty());
  }

  CHECK(laptop.del("/auth/logout").status == 204);
  CHECK(quote_error_codes(laptop) == std::vector<std::string>{"UNAUTHENTICATED"});
  check_error(laptop.get("/auth/me"), 401, "INVALID_TOKEN");
  check_error(ada.client.get("/auth/me"), 401, "INVALID_TOKEN");
  CHECK(quote_error_codes(phone).empty());

  CHECK(phone.del("/auth/delete").status == 204);
  CHECK(quote_error_codes(phone) == std::vector<std::string>{"UNAUTHENTICATED"});
  check_error(phone.get("/auth/me"), 401, "INVALID_TOKEN");
}

TEST_CASE("http: cookie-authenticated unsafe requests need X-CSRF-Token", "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  HttpClient& web = ada.client;
  web.send_csrf(false);

  // Safe methods pass without it.
  CHECK(web.get("/auth/me").status == 200);

  check_error(web.del("/auth/delete"), 403, "FORBIDDEN");
  check_error(web.del("/auth/delete", {{"X-CSRF-Token", "not-the-token"}}), 403, "FORBIDDEN");
  check_error(web.del("/auth/delete", {{"X-CSRF-Token", ""}}), 403, "FORBIDDEN");
  check_error(web.del("/auth/logout"), 403, "FORBIDDEN");
  CHECK(web.get("/auth/me").status == 200);  // neither deleted nor logged out

  // The header must match the cookie the browser sends, not merely be present.
  HttpClient forged = fixture.client();
  forged.set_cookie("auth_token", *web.cookie("auth_token"));
  forged.set_cookie("csrf_token", "attacker-chosen");
  check_error(forged.del("/auth/logout", {{"X-CSRF-Token", *web.cookie("csrf_token")}}), 403,
              "FORBIDDEN");
  HttpClient no_csrf_cookie = fixture.client();
  no_csrf_cookie.set_cookie("auth_token", *web.cookie("auth_token"));
  check_error(no_csrf_cookie.del("/auth/logout", {{"X-CSRF-Token", *web.cookie("csrf_token")}}),
              403, "FORBIDDEN");

  // GraphQL over POST with cookie auth, no header: 403 and nothing executed.
  HttpReply mutation =
      web.graphql("mutation { createAccount(request: {type: \"SAVINGS\", currency: \"USD\"}) "
                  "{ code } }");
  INFO(mutation.body);
  CHECK(mutation.status == 403);
  REQUIRE(mutation.json()["errors"].is_array());
  CHECK(mutation.json()["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED");
  CHECK_FALSE(mutation.json().contains("data"));

  web.send_csrf(true);
  json summary = web.graphql("{ getPortfolioSummary { code accounts { id } } }").json();
  CHECK(summary["data"]["getPortfolioSummary"]["accounts"].empty());
  CHECK(web.del("/auth/logout").status == 204);
}

TEST_CASE("http: the request log has one line per request and never passwords or tokens",
          "[http]") {
  HttpFixture fixture;
  LoggedIn ada = register_and_login(fixture, "ada@example.com");
  ada.client.graphql("{ getProfileData { code } }");
  ada.client.post_json("/auth/login", {{"email", "ada@example.com"}, {"password", "wrong-password!"}});

  std::string log = fixture.log_text();
  INFO(log);
  CHECK(log.find(std::string(kPassword)) == std::string::npos);
  CHECK(log.find("wrong-password!") == std::string::npos);
  CHECK(log.find(ada.token) == std::string::npos);
  CHECK(log.find(*ada.client.cookie("auth_token")) == std::string::npos);
  CHECK(log.find(*ada.client.cookie("csrf_token")) == std::string::npos);
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    std::string line = log.substr(start, end - start);
    json parsed = json::parse(line, nullptr, false);
    INFO(line);
    CHECK(parsed.is_object());
    if (parsed.contains("path")) ++lines;
    start = end == std::string::npos ? log.size() : end + 1;
  }
  CHECK(lines == 4);
  CHECK(log.find("\"userId\":\"" + ada.user_id + "\"") != std::string::npos);
  CHECK(log.find("\"status\":401") != std::string::npos);
}

}  // namespace
}  // namespace fafnir::http_test
