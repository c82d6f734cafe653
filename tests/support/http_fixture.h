#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include "core/common/clock.h"
#include "core/common/id_generator.h"
#include "core/platform/platform.h"
#include "server/address_throttle.h"
#include "server/api_router.h"
#include "server/graphql_endpoint.h"
#include "server/http_server.h"
#include "server/metrics.h"
#include "tests/support/http_client.h"
#include "tests/support/temp_dir.h"

// `fafnir serve` in-process for tests: a platform on a temp dir and a simulated clock, wired as
// cli/serve_command.cc wires it, listening on 127.0.0.1 on a free port, served on a background
// thread. Instead of a MarketDriver, events are settled synchronously after every change (so a
// reply to a mutation is only sent once its events are handled), which keeps tests deterministic.
namespace fafnir::http_test {

inline constexpr std::string_view kStart = "2026-01-05T15:00:00Z";  // a Monday afternoon
inline constexpr std::string_view kJwtSecret = "http-fixture-secret-of-32-bytes!!!!";
inline constexpr std::string_view kPassword = "correct horse battery staple";

struct HttpFixtureOptions {
  int threads = 2;
  std::chrono::milliseconds shutdown_grace{4000};
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds idle_timeout{60};
  int address_free_failures = 10;  // AddressThrottle policy, as `fafnir serve` has it
};

class HttpFixture {
 public:
  explicit HttpFixture(HttpFixtureOptions options = {});
  ~HttpFixture();
  HttpFixture(const HttpFixture&) = delete;
  HttpFixture& operator=(const HttpFixture&) = delete;

  Platform& platform() { return *platform_; }
  ManualClock& clock() { return clock_; }
  std::uint16_t port() const { return port_; }
  // A new client of this server (not yet connected).
  HttpClient client(std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

  // Market operations done as an operator would, serialized with request handling's settling.
  void set_price(std::string_view symbol, std::string_view price);
  void advance(Duration duration);
  void settle();

  // Called on a server thread with every request before it is routed (e.g. to slow one down).
  void on_request(std::function<void(const HttpRequest&)> hook);

  // shutdown(), then waits up to `within` for run() to return; true when it did.
  bool stop(std::chrono::milliseconds within = std::chrono::seconds(5));
  bool running() const;

  // Everything the server logged so far (one JSON line per request).
  std::string log_text() const;

 private:
  void settle_locked();

  HttpFixtureOptions options_;
  TempDir dir_;
  ManualClock clock_;
  RandomIdGenerator ids_;
  std::unique_ptr<Platform> platform_;
  std::mutex settle_mutex_;  // Platform::settle() calls must not overlap
  class CapturingSink;
  std::shared_ptr<CapturingSink> log_sink_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<GraphqlEndpoint> graphql_;
  std::unique_ptr<AddressThrottle> address_throttle_;
  HttpMetrics metrics_;
  std::unique_ptr<ApiRouter> router_;
  mutable std::mutex hook_mutex_;
  std::function<void(const HttpRequest&)> hook_;
  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
  std::thread server_thread_;
  mutable std::mutex run_mutex_;
  std::condition_variable run_returned_cv_;
  bool run_returned_ = false;
};

// A user logged in over REST with cookies (CSRF header sent from the jar).
struct LoggedIn {
  HttpClient client;
  std::string user_id;
  std::string email;
  std::string token;  // the JWT, from ?token=1
};

// Registers `email` (201 required) and logs in with cookies (200 required).
LoggedIn register_and_login(HttpFixture& fixture, std::string_view email);

// data.<field> of a GraphQL reply that must be 200; fails the test otherwise.
nlohmann::json gql_data(const HttpReply& reply, std::string_view field);

}  // namespace fafnir::http_test
