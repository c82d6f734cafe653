#include <memory>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "server/address_throttle.h"
#include "server/api_router.h"
#include "server/graphql_endpoint.h"
#include "server/http_server.h"
#include "server/market_driver.h"
#include "server/metrics.h"

namespace fafnir {
namespace {

struct ServeArguments {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 2;
  std::string tick = "1s";
  double speed = 1.0;
  std::string log_level = "info";
};

Status serve(CliContext& context, const ServeArguments& args) {
  if (args.speed <= 0) return Status::InvalidArgument("--speed must be positive");
  FAFNIR_ASSIGN_OR_RETURN(Duration tick, parse_duration(args.tick));
  std::shared_ptr<spdlog::logger> log = spdlog::stderr_logger_mt("fafnir-serve");
  log->set_pattern("%v");
  log->set_level(spdlog::level::from_str(args.log_level));

  context.use_wall_clock(args.speed);
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  MarketDriver driver(*platform, tick, log);
  auto changed = [&driver] { driver.poke(); };
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<GraphqlEndpoint> graphql,
                          GraphqlEndpoint::create(*platform, changed));
  SystemClock wall_clock;
  AddressThrottle address_throttle(wall_clock, LoginThrottling{10});
  HttpMetrics metrics;
  ApiRouter router(*platform, *graphql, address_throttle, metrics, log, changed);

  HttpServerOptions options;
  options.host = args.host;
  options.port = args.port;
  options.threads = args.threads;
  HttpServer server(options, [&router](const HttpRequest& request, RequestInfo& info) {
    return router.handle(request, info);
  });
  FAFNIR_RETURN_IF_ERROR(server.start());
  driver.start();
  log->info(nlohmann::json{{"event", "listening"},
                           {"address", args.host + ":" + std::to_string(server.port())},
                           {"dataDir", context.data_directory().path().string()}}
                .dump());
  server.run(/*handle_signals=*/true);
  driver.stop();
  log->info(R"({"event":"stopped"})");
  return Status::Ok();
}

}  // namespace

void add_serve_command(CLI::App& app, CliContext& context, Status& status) {
  auto args = std::make_shared<ServeArguments>();
  CLI::App* serve_command = app.add_subcommand("serve", "HTTP server: REST auth and GraphQL");
  serve_command->add_option("--host", args->host, "Address to listen on (default 127.0.0.1)");
  serve_command->add_option("--port", args->port, "Port (default 8080; 0 picks a free one)");
  serve_command->add_option("--threads", args->threads, "Threads answering requests (default 2)")
      ->check(CLI::Range(1, 64));
  serve_command->add_option("--tick", args->tick, "How often the engine checks prices, e.g. 250ms or 5s (default 1s)");
  serve_command->add_option("--speed", args->speed, "Market time runs this many times wall time");
  serve_command->add_option("--log-level", args->log_level, "trace, debug, info (default), warn, error, off");
  serve_command->callback([&context, &status, args] { status = serve(context, *args); });
}

}  // namespace fafnir
