#include "tests/support/http_client.h"

#include <functional>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace fafnir::http_test {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::uint64_t kMaxResponseBody = 64 << 20;

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool has_header(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return true;
  }
  return false;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Errors that mean the server closed a kept-alive connection before reading our request.
bool is_stale_connection(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::error::broken_pipe ||
         ec == net::error::connection_aborted;
}

// A kept-alive connection the server had closed before it read our request.
class StaleConnection : public HttpClientError {
 public:
  using HttpClientError::HttpClientError;
};

HttpReply to_reply(http::response<http::string_body>&& response) {
  HttpReply reply;
  reply.status = response.result_int();
  for (const auto& field : response) {
    std::string name(field.name_string());
    std::string value(field.value());
    if (field.name() == http::field::set_cookie) reply.set_cookies.push_back(value);
    reply.headers.emplace_back(std::move(name), std::move(value));
  }
  reply.keep_alive = response.keep_alive();
  reply.body = std::move(response.body());
  return reply;
}

}  // namespace

std::string HttpReply::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return {};
}

std::string HttpReply::set_cookie(std::string_view name) const {
  for (const std::string& line : set_cookies) {
    std::string_view text = trim(line);
    if (text.size() > name.size() && text.substr(0, name.size()) == name &&
        text[name.size()] == '=') {
      return line;
    }
  }
  return {};
}

nlohmann::json HttpReply::json() const {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? nlohmann::json() : parsed;
}

// One TCP connection with its own io_context; operations run to completion or to the deadline.
struct HttpClient::Connection {
  net::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool used = false;  // has carried a complete exchange
  std::chrono::milliseconds timeout;

  explicit Connection(std::chrono::milliseconds deadline) : timeout(deadline) {}

  // Runs the queued operations until they complete (the stream's timer bounds them).
  void run() {
    io.restart();
    io.run_for(timeout + std::chrono::seconds(1));
    if (!io.stopped()) {  // should not happen: the stream's timer closes the socket first
      beast::error_code ignored;
      stream.socket().close(ignored);
      io.restart();
      io.run_for(std::chrono::seconds(1));
      throw HttpClientError("client operation did not finish by its deadline");
    }
  }

  void connect(const std::string& host, std::uint16_t port) {
    beast::error_code parse_error;
    net::ip::address address = net::ip::make_address(host, parse_error);
    if (parse_error) throw HttpClientError("bad address " + host);
    beast::error_code result = net::error::would_block;
    stream.expires_after(timeout);
    stream.async_connect(tcp::endpoint(address, port),
                         [&result](beast::error_code ec) { result = ec; });
    run();
    if (result) throw HttpClientError("connect to " + host + ": " + result.message());
    stream.socket().set_option(tcp::no_delay(true));
  }

  void close() {
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
  }
};

HttpClient::HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : host_(std::move(host)), port_(port), timeout_(timeout) {}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

bool HttpClient::is_open() const { return connection_ && connection_->stream.socket().is_open(); }

void HttpClient::close() {
  if (connection_) connection_->close();
  connection_.reset();
}

std::optional<std::string> HttpClient::cookie(std::string_view name) const {
  auto it = cookies_.find(name);
  if (it == cookies_.end()) return std::nullopt;
  return it->second;
}

void HttpClient::set_cookie(std::string name, std::string value) {
  cookies_[std::move(name)] = std::move(value);
}

void HttpClient::erase_cookie(std::string_view name) {
  auto it = cookies_.find(name);
  if (it != cookies_.end()) cookies_.erase(it);
}

void HttpClient::clear_cookies() { cookies_.clear(); }

void HttpClient::remember_cookies(const HttpReply& reply) {
  for (const std::string& line : reply.set_cookies) {
    std::string_view text(line);
    std::string_view pair = trim(text.substr(0, text.find(';')));
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    std::string name(trim(pair.substr(0, equals)));
    std::string value(trim(pair.substr(equals + 1)));
    bool expired = value.empty() || line.find("Max-Age=0") != std::string::npos;
    if (expired) {
      erase_cookie(name);
    } else {
      cookies_[name] = value;
    }
  }
}

HttpReply HttpClient::request(http::verb method, std::string_view target, std::string body,
                              const HttpHeaders& headers) {
  HttpReply reply;
  try {
    reply = exchange(method, target, body, headers);
  } catch (const StaleConnection&) {
    reply = exchange(method, target, body, headers);  // once, on a fresh connection
  }
  remember_cookies(reply);
  return reply;
}

HttpReply HttpClient::exchange(http::verb method, std::string_view target,
                               const std::string& body, const HttpHeaders& headers) {
  if (connection_ && !connection_->stream.socket().is_open()) connection_.reset();
  if (!connection_) {
    auto fresh = std::make_unique<Connection>(timeout_);
    fresh->connect(host_, port_);
    ++connections_;
    connection_ = std::move(fresh);
  }
  Connection& connection = *connection_;
  bool reused = connection.used;

  http::request<http::string_body> request{method, std::string(target), 11};
  request.set(http::field::host, host_ + ":" + std::to_string(port_));
  request.set(http::field::user_agent, "fafnir-http-test");
  request.keep_alive(true);
  bool unsafe = method == http::verb::post || method == http::verb::put ||
                method == http::verb::patch || method == http::verb::delete_;
  if (!cookies_.empty() && !has_header(headers, "Cookie")) {
    std::string jar;
    for (const auto& [name, value] : cookies_) {
      if (!jar.empty()) jar += "; ";
      jar += name + "=" + value;
    }
    request.set(http::field::cookie, jar);
  }
  if (unsafe && send_csrf_ && !has_header(headers, "X-CSRF-Token")) {
    if (auto csrf = cookies_.find("csrf_token"); csrf != cookies_.end()) {
      request.set("X-CSRF-Token", csrf->second);
    }
  }
  if (!bearer_.empty() && !has_header(headers, "Authorization")) {
    request.set(http::field::authorization, "Bearer " + bearer_);
  }
  if (!body.empty() && !has_header(headers, "Content-Type")) {
    request.set(http::field::content_type, "application/json");
  }
  for (const auto& [name, value] : headers) request.insert(name, value);
  request.body() = body;
  request.prepare_payload();

  beast::error_code written = net::error::would_block;
  connection.stream.expires_after(timeout_);
  http::async_write(connection.stream, request,
                    [&written](beast::error_code ec, std::size_t) { written = ec; });
  connection.run();

  beast::error_code read = net::error::would_block;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxResponseBody);
  parser.skip(method == http::verb::head);  // a HEAD reply announces a body it does not send
  // A server may answer before it has read the whole request (413) and close; read its answer
  // even when the rest of the request could not be written.
  if (!written || is_stale_connection(written)) {
    connection.stream.expires_after(timeout_);
    http::async_read(connection.stream, connection.buffer, parser,
                     [&read](beast::error_code ec, std::size_t) { read = ec; });
    connection.run();
  } else {
    read = written;
  }
  if (read) {
    bool stale = reused && is_stale_connection(read) && !parser.got_some();
    std::string what = std::string(http::to_string(method)) + " " + std::string(target) +
                       ": read: " + read.message() +
                       (written ? " (write: " + written.message() + ")" : std::string());
    connection_->close();
    connection_.reset();
    if (stale) throw StaleConnection("stale keep-alive connection: " + what);
    throw HttpClientError(what);
  }
  connection.used = true;
  HttpReply reply = to_reply(parser.release());
  if (written) reply.keep_alive = false;
  if (!reply.keep_alive) close();
  return reply;
}

HttpReply HttpClient::get(std::string_view target, const HttpHeaders& headers) {
  return request(http::verb::get, target, {}, headers);
}

HttpReply HttpClient::post(std::string_view target, std::string body, const HttpHeaders& headers) {
  return request(http::verb::post, target, std::move(body), headers);
}

HttpReply HttpClient::post_json(std::string_view target, const nlohmann::json& body,
                                const HttpHeaders& headers) {
  return request(http::verb::post, target, body.dump(), headers);
}

HttpReply HttpClient::del(std::string_view target, const HttpHeaders& headers) {
  return request(http::verb::delete_, target, {}, headers);
}

HttpReply HttpClient::graphql(std::string_view query, const nlohmann::json& variables,
                              std::string_view operation_name, const HttpHeaders& headers) {
  nlohmann::json body = {{"query", query}};
  if (!variables.is_null()) body["variables"] = variables;
  if (!operation_name.empty()) body["operationName"] = operation_name;
  return post_json("/graphql", body, headers);
}

HttpReply HttpClient::raw(std::string bytes) {
  return std::move(raw_pipelined(std::move(bytes), 1).front());
}

std::vector<HttpReply> HttpClient::raw_pipelined(std::string bytes, std::size_t responses) {
  Connection connection(timeout_);
  connection.connect(host_, port_);
  ++connections_;
  beast::error_code written = net::error::would_block;
  beast::error_code read = net::error::would_block;
  std::vector<HttpReply> replies;
  std::optional<http::response_parser<http::string_body>> parser;
  std::function<void()> read_next = [&] {
    parser.emplace();
    parser->body_limit(kMaxResponseBody);
    http::async_read(connection.stream, connection.buffer, *parser,
                     [&](beast::error_code ec, std::size_t) {
                       if (!ec) {
                         replies.push_back(to_reply(parser->release()));
                         if (replies.size() < responses) return read_next();
                       }
                       read = ec;
                       connection.stream.cancel();  // the rest of the request is not wanted
                     });
  };
  connection.stream.expires_after(timeout_);
  net::async_write(connection.stream, net::buffer(bytes),
                   [&written](beast::error_code ec, std::size_t) { written = ec; });
  read_next();
  connection.run();
  if (read) {
    throw HttpClientError("raw exchange: read after " + std::to_string(replies.size()) +
                          " response(s): " + read.message() +
                          (written ? " (write: " + written.message() + ")" : std::string()));
  }
  return replies;
}

}  // namespace fafnir::http_test
