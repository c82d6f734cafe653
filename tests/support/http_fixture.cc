#include "tests/support/http_fixture.h"

#include <catch2/catch.hpp>
#include <spdlog/sinks/base_sink.h>

#include "core/auth/password_hasher.h"
#include "transports/embedded/embedded_transport.h"

namespace fafnir::http_test {

// Keeps every log line in memory, so tests can look at what the server logged.
class HttpFixture::CapturingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(message, formatted);
    text_.append(formatted.data(), formatted.size());
  }
  void flush_() override {}

 private:
  std::string text_;
};

HttpFixture::HttpFixture(HttpFixtureOptions options)
    : options_(options), clock_(parse_rfc3339(kStart).value()) {
  EmbeddedTransport transport;
  Result<Ports> ports = transport.open({dir_.path() / "data", &clock_});
  INFO(ports.status().to_string());
  REQUIRE(ports.ok());
  PlatformOptions platform_options;
  platform_options.password_hashing = PasswordHashingOptions::fast_for_tests();
  platform_options.jwt_secret = std::string(kJwtSecret);
  platform_options.market.seed = 20260105;
  platform_options.market.start = clock_.now();
  platform_options.simulated_clock = &clock_;
  Result<std::unique_ptr<Platform>> created =
      Platform::create(std::move(*ports), clock_, ids_, std::move(platform_options));
  INFO(created.status().to_string());
  REQUIRE(created.ok());
  platform_ = std::move(created).value();

  log_sink_ = std::make_shared<CapturingSink>();
  log_sink_->set_pattern("%v");
  log_ = std::make_shared<spdlog::logger>("fafnir-http-test", log_sink_);
  log_->set_level(spdlog::level::info);

  auto changed = [this] {
    std::lock_guard lock(settle_mutex_);
    settle_locked();
  };
  Result<std::unique_ptr<GraphqlEndpoint>> graphql = GraphqlEndpoint::create(*platform_, changed);
  INFO(graphql.status().to_string());
  REQUIRE(graphql.ok());
  graphql_ = std::move(graphql).value();
  address_throttle_ = std::make_unique<AddressThrottle>(
      clock_, LoginThrottling{options_.address_free_failures});
  router_ = std::make_unique<ApiRouter>(*platform_, *graphql_, *address_throttle_, metrics_, log_,
                                        changed);

  HttpServerOptions server_options;
  server_options.host = "127.0.0.1";
  server_options.port = 0;
  server_options.threads = options_.threads;
  server_options.shutdown_grace = options_.shutdown_grace;
  server_options.header_timeout = options_.header_timeout;
  server_options.idle_timeout = options_.idle_timeout;
  server_ = std::make_unique<HttpServer>(
      server_options, [this](const HttpRequest& request, RequestInfo& info) {
        std::function<void(const HttpRequest&)> hook;
        {
          std::lock_guard lock(hook_mutex_);
          hook = hook_;
        }
        if (hook) hook(request);
        return router_->handle(request, info);
      });
  Status started = server_->start();
  INFO(started.to_string());
  REQUIRE(started.ok());
  port_ = server_->port();
  REQUIRE(port_ != 0);
  server_thread_ = std::thread([this] {
    server_->run(/*handle_signals=*/false);
    {
      std::lock_guard lock(run_mutex_);
      run_returned_ = true;
    }
    run_returned_cv_.notify_all();
  });
}

HttpFixture::~HttpFixture() {
  stop(options_.shutdown_grace + std::chrono::seconds(2));
  // run() returns at the latest when the grace period ends, so this join is bounded.
  if (server_thread_.joinable()) server_thread_.join();
  server_.reset();
  router_.reset();
  graphql_.reset();
  platform_.reset();
}

HttpClient HttpFixture::client(std::chrono::milliseconds timeout) const {
  return HttpClient("127.0.0.1", port_, timeout);
}

void HttpFixture::settle_locked() {
  Result<std::size_t> settled = platform_->settle();
  if (!settled.ok()) log_->error("settle failed: " + settled.status().to_string());
}

void HttpFixture::set_price(std::string_view symbol, std::string_view price) {
  Result<Price> parsed = Price::parse(price);
  REQUIRE(parsed.ok());
  std::lock_guard lock(settle_mutex_);
  Status set = platform_->set_price(symbol, *parsed);
  INFO(set.to_string());
  REQUIRE(set.ok());
  settle_locked();
}

void HttpFixture::advance(Duration duration) {
  std::lock_guard lock(settle_mutex_);
  Status advanced = platform_->advance(duration);
  INFO(advanced.to_string());
  REQUIRE(advanced.ok());
  settle_locked();
}

void HttpFixture::settle() {
  std::lock_guard lock(settle_mutex_);
  Result<std::size_t> settled = platform_->settle();
  INFO(settled.status().to_string());
  REQUIRE(settled.ok());
}

void HttpFixture::on_request(std::function<void(const HttpRequest&)> hook) {
  std::lock_guard lock(hook_mutex_);
  hook_ = std::move(hook);
}

bool HttpFixture::stop(std::chrono::milliseconds within) {
  server_->shutdown();
  std::unique_lock lock(run_mutex_);
  return run_returned_cv_.wait_for(lock, within, [this] { return run_returned_; });
}

bool HttpFixture::running() const {
  std::lock_guard lock(run_mutex_);
  return !run_returned_;
}

std::string HttpFixture::log_text() const { return log_sink_->text(); }

LoggedIn register_and_login(HttpFixture& fixture, std::string_view email) {
  LoggedIn user{fixture.client(), {}, std::string(email), {}};
  HttpReply registered = user.client.post_json(
      "/auth/register",
      {{"email", email}, {"password", kPassword}, {"firstName", "Ada"}, {"lastName", "Lovelace"}});
  INFO(registered.body);
  REQUIRE(registered.status == 201);
  user.user_id = registered.json().value("userId", "");
  REQUIRE_FALSE(user.user_id.empty());
  HttpReply login =
      user.client.post_json("/auth/login?token=1", {{"email", email}, {"password", kPassword}});
  INFO(login.body);
  REQUIRE(login.status == 200);
  user.token = login.json().value("token", "");
  REQUIRE_FALSE(user.token.empty());
  REQUIRE(user.client.cookie("auth_token").has_value());
  REQUIRE(user.client.cookie("csrf_token").has_value());
  return user;
}

nlohmann::json gql_data(const HttpReply& reply, std::string_view field) {
  INFO("GraphQL reply " << reply.status << ": " << reply.body);
  REQUIRE(reply.status == 200);
  nlohmann::json body = reply.json();
  REQUIRE(body.is_object());
  REQUIRE(body.contains("data"));
  REQUIRE(body["data"].is_object());
  REQUIRE(body["data"].contains(std::string(field)));
  return body["data"][std::string(field)];
}

}  // namespace fafnir::http_test
