#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/http/verb.hpp>
#include <nlohmann/json.hpp>

// A small blocking HTTP/1.1 client for tests that talk to `fafnir serve` over a real socket:
// keep-alive, a cookie jar, the CSRF double-submit header and Bearer tokens. Every socket
// operation has a deadline. Lives in its own namespace so that other fixtures cannot collide.
namespace fafnir::http_test {

// An I/O failure or a deadline passed (the message says which).
class HttpClientError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
  unsigned status = 0;
  HttpHeaders headers;                   // in the order received
  std::vector<std::string> set_cookies;  // every Set-Cookie header, verbatim
  std::string body;
  bool keep_alive = false;

  // The first header named `name` (any letter case); empty when there is none.
  std::string header(std::string_view name) const;
  // The Set-Cookie line for cookie `name`; empty when there is none.
  std::string set_cookie(std::string_view name) const;
  // The body as JSON; a JSON null when it is not valid JSON.
  nlohmann::json json() const;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port,
             std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads its response over the open connection (connecting first when
  // there is none). Sends the cookie jar and remembers the response's Set-Cookie headers; for
  // unsafe methods adds X-CSRF-Token from the csrf_token cookie (see send_csrf()); adds
  // `Authorization: Bearer` when a bearer token is set. A reused connection the server closed
  // while idle is reopened once. Closes the connection after a response without keep-alive.
  // Throws HttpClientError.
  HttpReply request(boost::beast::http::verb method, std::string_view target,
                    std::string body = {}, const HttpHeaders& headers = {});
  HttpReply get(std::string_view target, const HttpHeaders& headers = {});
  HttpReply post(std::string_view target, std::string body, const HttpHeaders& headers = {});
  HttpReply post_json(std::string_view target, const nlohmann::json& body,
                      const HttpHeaders& headers = {});
  HttpReply del(std::string_view target, const HttpHeaders& headers = {});
  // POST /graphql {query, variables?, operationName?}.
  HttpReply graphql(std::string_view query, const nlohmann::json& variables = nullptr,
                    std::string_view operation_name = {}, const HttpHeaders& headers = {});

  // Writes `bytes` verbatim on a fresh connection while reading one response at the same time
  // (so that a server refusing a request half-way can still be heard). No cookies are added.
  HttpReply raw(std::string bytes);
  // As raw(), reading `responses` responses in a row (pipelined requests).
  std::vector<HttpReply> raw_pipelined(std::string bytes, std::size_t responses);

  // The cookie jar (name -> value).
  std::optional<std::string> cookie(std::string_view name) const;
  void set_cookie(std::string name, std::string value);
  void erase_cookie(std::string_view name);
  void clear_cookies();
  // Whether unsafe methods get X-CSRF-Token from the jar; default true.
  void send_csrf(bool on) { send_csrf_ = on; }
  // Sent as `Authorization: Bearer <token>`; empty: none.
  void set_bearer(std::string token) { bearer_ = std::move(token); }

  // TCP connections opened so far.
  int connections() const { return connections_; }
  bool is_open() const;
  void close();

 private:
  struct Connection;

  HttpReply exchange(boost::beast::http::verb method, std::string_view target,
                     const std::string& body, const HttpHeaders& headers);
  void remember_cookies(const HttpReply& reply);

  std::string host_;
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<Connection> connection_;
  std::map<std::string, std::string, std::less<>> cookies_;
  bool send_csrf_ = true;
  std::string bearer_;
  int connections_ = 0;
};

}  // namespace fafnir::http_test
