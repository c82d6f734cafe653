#include "transports/cluster/cluster_options.h"

#include <map>

#include <catch2/catch.hpp>

#include "transports/cluster/postgres_error.h"

namespace fafnir {

TEST_CASE("cluster options name every missing server URL", "[cluster]") {
  std::map<std::string, std::string> variables{{"FAFNIR_REDIS_URL", "redis://cache:6379"}};
  auto lookup = [&](const char* name) -> const char* {
    auto it = variables.find(name);
    return it == variables.end() ? nullptr : it->second.c_str();
  };
  Result<ClusterOptions> options = ClusterOptions::from_environment(lookup);
  REQUIRE_FALSE(options.ok());
  CHECK(options.status().code() == ErrorCode::kInvalidArgument);
  CHECK(options.status().message().find("FAFNIR_POSTGRES_URL, FAFNIR_NATS_URL") != std::string::npos);

  variables["FAFNIR_POSTGRES_URL"] = "postgresql://db/fafnir";
  variables["FAFNIR_NATS_URL"] = "nats://events:4222";
  options = ClusterOptions::from_environment(lookup);
  REQUIRE(options.ok());
  CHECK(options->postgres_url == "postgresql://db/fafnir");
  CHECK(options->redis_url == "redis://cache:6379");
  CHECK(options->nats_url == "nats://events:4222");
}

TEST_CASE("passwords never appear in server URLs shown to people", "[cluster]") {
  CHECK(redact_url("postgresql://fafnir:s3cret@db:5432/fafnir") == "postgresql://fafnir:***@db:5432/fafnir");
  CHECK(redact_url("redis://:s3cret@cache:6379/2") == "redis://:***@cache:6379/2");
  CHECK(redact_url("nats://events:4222") == "nats://events:4222");
  CHECK(redact_url("postgresql://fafnir@db/fafnir") == "postgresql://fafnir@db/fafnir");
}

TEST_CASE("PostgreSQL errors map to fafnir status codes by SQLSTATE", "[cluster]") {
  CHECK(status_from_sqlstate("23505", "duplicate key").code() == ErrorCode::kAlreadyExists);
  CHECK(status_from_sqlstate("23503", "foreign key").code() == ErrorCode::kAlreadyExists);
  CHECK(status_from_sqlstate("23514", "check").code() == ErrorCode::kAlreadyExists);
  CHECK(status_from_sqlstate("22003", "out of range").code() == ErrorCode::kInvalidArgument);
  CHECK(status_from_sqlstate("40001", "serialization").code() == ErrorCode::kResourceExhausted);
  CHECK(status_from_sqlstate("40P01", "deadlock").code() == ErrorCode::kResourceExhausted);
  Status syntax = status_from_sqlstate("42601", "syntax error");
  CHECK(syntax.code() == ErrorCode::kInternal);
  CHECK(syntax.message() == "postgres 42601: syntax error");
}

}  // namespace fafnir
