#include "server/http_server.h"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace fafnir {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

HttpResponse plain_error(http::status status, const std::string& code, const std::string& message,
                         unsigned version) {
  HttpResponse response{status, version};
  response.set(http::field::content_type, "application/json");
  response.body() = R"({"error":{"code":")" + code + R"(","message":")" + message + R"("}})";
  response.keep_alive(false);
  response.prepare_payload();
  return response;
}

class Session;

// What sessions share with the server.
struct Shared {
  HttpServerOptions options;
  HttpHandler handler;
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

  void start() {
    {
      std::lock_guard lock(shared_.sessions_mutex);
      shared_.sessions.insert(weak_from_this());
    }
    beast::error_code ignored;
    tcp::endpoint peer = stream_.socket().remote_endpoint(ignored);
    info_.client_address = peer.address().to_string();
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

  // Closes the connection once no request is being answered.
  void close_when_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->close();
    });
  }

  ~Session() {
    std::lock_guard lock(shared_.sessions_mutex);
    shared_.sessions.erase(weak_from_this());
  }

 private:
  void read() {
    if (shared_.stopping) return close();
    parser_.emplace();
    parser_->body_limit(shared_.options.body_limit);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(first_request_ ? shared_.options.header_timeout
                                         : shared_.options.idle_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    first_request_ = false;
    if (ec == http::error::body_limit) {
      return write(plain_error(http::status::payload_too_large, "INVALID_INPUT",
                               "request body is larger than 1 MiB", 11));
    }
    bool closed_by_peer = ec == http::error::end_of_stream || ec == http::error::partial_message;
    if (ec && ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
        !closed_by_peer) {
      return write(
          plain_error(http::status::bad_request, "INVALID_INPUT", "malformed request", 11));
    }
    if (ec) return close();
    busy_ = true;
    HttpRequest request = parser_->release();
    info_.user_id.clear();
    HttpResponse response = shared_.handler(request, info_);
    response.keep_alive(request.keep_alive() && !shared_.stopping);
    write(std::move(response));
  }

  void write(HttpResponse response) {
    busy_ = true;
    response_ = std::make_shared<HttpResponse>(std::move(response));
    stream_.expires_after(shared_.options.header_timeout);
    http::async_write(
        stream_, *response_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    busy_ = false;
    bool keep_alive = response_->keep_alive();
    response_.reset();
    if (ec || !keep_alive || shared_.stopping) return close();
    read();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  RequestInfo info_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpResponse> response_;
  bool first_request_ = true;
  bool busy_ = false;
};

}  // namespace

// One io_context per thread, each run by its own thread: a connection stays on the context that
// accepted it, so its handlers never need a strand or a wake-up of another thread.
class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, HttpHandler handler)
      : contexts_(make_contexts(std::max(1, options.threads))),
        acceptor_(*contexts_.front()),
        grace_timer_(*contexts_.front()) {
    shared_.options = std::move(options);
    shared_.handler = std::move(handler);
    for (const auto& context : contexts_) guards_.emplace_back(context->get_executor());
  }

  Status start() {
    beast::error_code ec;
    tcp::endpoint endpoint(net::ip::make_address(shared_.options.host, ec), shared_.options.port);
    if (ec) return Status::InvalidArgument("bad listen address " + shared_.options.host);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return Status::FailedPrecondition("cannot listen on " + shared_.options.host + ":" +
                                        std::to_string(shared_.options.port) + ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    accept();
    return Status::Ok();
  }

  std::uint16_t port() const { return port_; }

  void run(bool handle_signals) {
    if (handle_signals) {
      signals_.emplace(*contexts_.front(), SIGINT, SIGTERM);
      signals_->async_wait([this](beast::error_code ec, int) {
        if (!ec) shutdown();
      });
    }
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < contexts_.size(); ++i) {
      threads.emplace_back([context = contexts_[i].get()] { context->run(); });
    }
    contexts_.front()->run();
    for (std::thread& thread : threads) thread.join();
  }

  void shutdown() {
    net::post(acceptor_.get_executor(), [this] {
      if (shared_.stopping.exchange(true)) return;
      beast::error_code ignored;
      acceptor_.close(ignored);
      if (signals_) signals_->cancel(ignored);
      std::vector<std::shared_ptr<Session>> open;
      {
        std::lock_guard lock(shared_.sessions_mutex);
        for (const auto& weak : shared_.sessions) {
          if (auto session = weak.lock()) open.push_back(session);
        }
      }
      for (const auto& session : open) session->close_when_idle();
      guards_.clear();  // each context returns once its connections are closed
      grace_timer_.expires_after(shared_.options.shutdown_grace);
      grace_timer_.async_wait([this](beast::error_code ec) {
        if (ec) return;
        grace_over_ = true;
        for (const auto& context : contexts_) context->stop();
      });
      waiter_ = std::thread([this] {
        while (!grace_over_) {
          {
            std::lock_guard lock(shared_.sessions_mutex);
            if (shared_.sessions.empty()) break;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        net::post(grace_timer_.get_executor(), [this] { grace_timer_.cancel(); });
      });
    });
  }

  ~Impl() {
    if (waiter_.joinable()) waiter_.join();
  }

 private:
  using WorkGuard = net::executor_work_guard<net::io_context::executor_type>;

  static std::vector<std::unique_ptr<net::io_context>> make_contexts(int count) {
    std::vector<std::unique_ptr<net::io_context>> contexts;
    for (int i = 0; i < count; ++i) contexts.push_back(std::make_unique<net::io_context>(1));
    return contexts;
  }

  void accept() {
    net::io_context& context = *contexts_[next_context_++ % contexts_.size()];
    acceptor_.async_accept(context, [this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;  // closed on shutdown
      std::make_shared<Session>(std::move(socket), shared_)->start();
      accept();
    });
  }

  Shared shared_;
  std::vector<std::unique_ptr<net::io_context>> contexts_;
  std::vector<WorkGuard> guards_;  // keep idle contexts running until shutdown
  tcp::acceptor acceptor_;         // on the first context, like the signals and the timer
  net::steady_timer grace_timer_;
  std::optional<net::signal_set> signals_;
  std::thread waiter_;
  std::atomic<bool> grace_over_{false};
  std::size_t next_context_ = 0;  // only the first context's thread accepts
  std::uint16_t port_ = 0;
};

HttpServer::HttpServer(HttpServerOptions options, HttpHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
HttpServer::~HttpServer() = default;
Status HttpServer::start() { return impl_->start(); }
std::uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::run(bool handle_signals) { impl_->run(handle_signals); }
void HttpServer::shutdown() { impl_->shutdown(); }

}  // namespace fafnir
