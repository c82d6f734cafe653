#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/common/status.h"
#include "server/http_types.h"

namespace fafnir {

struct HttpServerOptions {
  std::string host = "127.0.0.1";  // address to listen on
  std::uint16_t port = 8080;       // 0: any free port (see HttpServer::port())
  int threads = 2;                 // I/O threads answering requests
  std::size_t body_limit = 1 << 20;                     // larger bodies answer 413
  std::chrono::seconds header_timeout{10};              // to receive a whole request
  std::chrono::seconds idle_timeout{60};                // keep-alive connection with no request
  std::chrono::milliseconds shutdown_grace{4000};       // in-flight requests may finish this long
};

// An HTTP/1.1 server on Boost.Beast: keep-alive, body and header limits, timeouts, graceful
// shutdown. Every request goes to one handler. Not copyable; start() once, then run().
class HttpServer {
 public:
  HttpServer(HttpServerOptions options, HttpHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. FailedPrecondition when the address cannot be bound.
  Status start();
  // The bound port (useful with port 0). REQUIRES: start() succeeded.
  std::uint16_t port() const;
  // Serves on the configured threads until shutdown() (or SIGINT/SIGTERM when
  // `handle_signals`) and every in-flight request is answered or the grace period ends.
  void run(bool handle_signals);
  // Stops accepting, lets in-flight requests finish, closes idle connections. Thread-safe.
  void shutdown();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fafnir
