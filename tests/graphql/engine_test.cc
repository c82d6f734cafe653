#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/graphql/test_schema.h"

namespace fafnir::graphql {
namespace {

using Json = nlohmann::json;
using testing::TestEngine;

std::string first_message(const Response& response) {
  return Json::parse(response.body).at("errors").at(0).at("message");
}

TEST_CASE("operationName chooses among several operations", "[graphql]") {
  TestEngine engine;
  const std::string document =
      "query A { pet(id: 1) { name } } query B { pet(id: 2) { name } } mutation C { increment }";
  CHECK(engine.run(document, nullptr, "B") == Json::parse(R"({"data":{"pet":{"name":"Tom"}}})"));
  CHECK(engine.run(document, nullptr, "A") == Json::parse(R"({"data":{"pet":{"name":"Rex"}}})"));
  CHECK(engine.run(document, nullptr, "C") == Json::parse(R"({"data":{"increment":1}})"));
  const Response unnamed = engine.raw(document);
  CHECK(unnamed.outcome == Outcome::kRequestError);
  CHECK(first_message(unnamed) ==
        "Must provide operation name if query contains multiple operations.");
  const Response unknown = engine.raw(document, nullptr, "D");
  CHECK(unknown.outcome == Outcome::kRequestError);
  CHECK(first_message(unknown) == "Unknown operation named \"D\".");
  CHECK(engine.raw("query A { big }", nullptr, "A").outcome == Outcome::kOk);
}

TEST_CASE("parse and validation errors are request errors; field errors are not", "[graphql]") {
  TestEngine engine;
  const Response syntax = engine.raw("{ pet(id: 1) { name }");
  CHECK(syntax.outcome == Outcome::kRequestError);
  CHECK(Json::parse(syntax.body) == Json::parse(R"({"errors":[{
      "message":"Syntax Error: Expected Name, found <EOF>.",
      "locations":[{"line":1,"column":22}],
      "extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]})"));
  const Response invalid = engine.raw("{ pet(id: 1) { nope } }");
  CHECK(invalid.outcome == Outcome::kRequestError);
  CHECK(Json::parse(invalid.body) == Json::parse(R"({"errors":[{
      "message":"Cannot query field \"nope\" on type \"Pet\". Did you mean \"name\"?",
      "locations":[{"line":1,"column":16}],
      "extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]})"));
  CHECK(engine.raw("").outcome == Outcome::kRequestError);
  CHECK(first_message(engine.raw("")) == "Must provide query string.");
  CHECK(engine.raw("query ($n: Int) { echo(number: $n) }", {{"n", "x"}}).outcome ==
        Outcome::kRequestError);
  CHECK(engine.raw("query ($n: Int) { echo(number: $n) }", Json::array()).outcome ==
        Outcome::kRequestError);
  const Response field_error = engine.raw("{ failing }");
  CHECK(field_error.outcome == Outcome::kOk);
  CHECK(Json::parse(field_error.body).at("data") == Json::parse(R"({"failing":null})"));

  Request get;
  get.query = "mutation { increment }";
  get.allow_mutation = false;
  const Response mutation = engine.engine().execute(get);
  CHECK(mutation.outcome == Outcome::kRequestError);
  CHECK(first_message(mutation) == "Can only perform a mutation operation from a POST request.");
}

TEST_CASE("size and depth limits answer clean request errors", "[graphql]") {
  EngineOptions options;
  options.max_query_bytes = 1000;
  TestEngine engine(options);
  const Response large = engine.raw("{ pet(id: 1) { " + std::string(2000, ' ') + "name } }");
  CHECK(large.outcome == Outcome::kRequestError);
  CHECK(first_message(large) == "Syntax Error: Document is too large: 2023 bytes (limit 1000).");

  TestEngine unlimited_size(EngineOptions{1 << 20, 100, 200'000, 10});
  std::string deep = "{ person(id: \"p1\") ";
  for (int i = 0; i < 5000; ++i) deep += "{ friends ";
  deep += "{ name }";
  for (int i = 0; i < 5001; ++i) deep += " }";
  const Response too_deep = unlimited_size.raw(deep);
  CHECK(too_deep.outcome == Outcome::kRequestError);
  CHECK(first_message(too_deep) ==
        "Syntax Error: Document is nested too deeply (limit 100 levels).");
}

TEST_CASE("the document cache returns the same result and keeps the newest documents",
          "[graphql]") {
  EngineOptions options;
  options.cache_capacity = 2;
  TestEngine engine(options);
  const std::string query = "query ($id: ID!) { pet(id: $id) { name age } }";
  const Response first = engine.raw(query, {{"id", "1"}});
  const Response second = engine.raw(query, {{"id", "1"}});
  CHECK(first.body == second.body);
  CHECK(engine.raw(query, {{"id", "2"}}).body == R"({"data":{"pet":{"name":"Tom","age":null}}})");
  EngineStats stats = engine.engine().stats();
  CHECK(stats.cache_misses == 1);
  CHECK(stats.cache_hits == 2);
  CHECK(stats.cached_documents == 1);
  engine.raw("{ big }");
  engine.raw("{ __typename }");  // evicts `query`, the least recently used
  engine.raw(query, {{"id", "1"}});
  stats = engine.engine().stats();
  CHECK(stats.cache_misses == 4);
  CHECK(stats.cached_documents == 2);
  engine.raw("{ pet(id: 1) { nope } }");  // invalid documents are not cached
  CHECK(engine.engine().stats().cached_documents == 2);

  TestEngine uncached(EngineOptions{256 * 1024, 100, 200'000, 0});
  CHECK(uncached.raw("{ big }").body == uncached.raw("{ big }").body);
  CHECK(uncached.engine().stats().cached_documents == 0);
}

TEST_CASE("the engine serves several threads at once", "[graphql]") {
  TestEngine engine;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{ pet(id: 1) { name } }", R"({"data":{"pet":{"name":"Rex"}}})"},
      {"{ pet(id: 2) { name tags } }", R"({"data":{"pet":{"name":"Tom","tags":[]}}})"},
      {"{ person(id: \"p1\") { greeting } }", R"({"data":{"person":{"greeting":"Hello, Ann!"}}})"},
      {"{ __type(name: \"Color\") { name } }", R"({"data":{"__type":{"name":"Color"}}})"},
  };
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        const auto& [query, expected] = cases[(i + t) % cases.size()];
        if (engine.raw(query).body != expected) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(mismatches == 0);
  CHECK(engine.engine().stats().cache_misses <= 4 * cases.size());
}

TEST_CASE("engine creation checks the SDL and the resolvers", "[graphql]") {
  auto bad_sdl = GraphqlEngine::create("type Query { a: Nope }", Resolvers{});
  REQUIRE_FALSE(bad_sdl.ok());
  CHECK(bad_sdl.status().message() == "1:17: Unknown type \"Nope\".");
  Resolvers unknown;
  unknown.query["nope"] = [](const ResolveContext&, const Json&) { return Json(1); };
  auto unknown_field = GraphqlEngine::create(testing::kTestSdl, std::move(unknown));
  REQUIRE_FALSE(unknown_field.ok());
  CHECK(unknown_field.status().message() == "resolver for unknown query field 'nope'");
  Resolvers nested;
  nested.fields["Pet.nope"] = [](const ResolveContext&, const Json&, const Json&) {
    return Json(1);
  };
  CHECK_FALSE(GraphqlEngine::create(testing::kTestSdl, std::move(nested)).ok());
  Resolvers reserved;
  reserved.query["__schema"] = [](const ResolveContext&, const Json&) { return Json(1); };
  CHECK_FALSE(GraphqlEngine::create(testing::kTestSdl, std::move(reserved)).ok());
  // A root field without a resolver is a field error, not a crash.
  auto bare = GraphqlEngine::create(testing::kTestSdl, Resolvers{});
  REQUIRE(bare.ok());
  Request request;
  request.query = "{ failing }";
  const Json body = Json::parse((*bare)->execute(request).body);
  CHECK(body.at("errors").at(0).at("message") == "No resolver for Query.failing.");
}

}  // namespace
}  // namespace fafnir::graphql

namespace fafnir::graphql {
namespace {

TEST_CASE("resolvers learn the field, its parent type, the operation and the context",
          "[graphql]") {
  Resolvers resolvers;
  resolvers.query["echo"] = [](const ResolveContext& context, const Json&) {
    const int* user = context.get<int>();
    return Json{{"parent", context.parent_type},
                {"field", context.field_name},
                {"operation", context.operation_name},
                {"user", user != nullptr ? Json(*user) : Json()}};
  };
  resolvers.fields["Person.greeting"] = [](const ResolveContext& context, const Json& parent,
                                           const Json&) {
    return Json(std::string(context.parent_type) + "." + std::string(context.field_name) + ":" +
                parent.at("name").get<std::string>());
  };
  resolvers.query["person"] = [](const ResolveContext&, const Json&) {
    return testing::test_person();
  };
  auto engine = GraphqlEngine::create(testing::kTestSdl, std::move(resolvers));
  REQUIRE(engine.ok());
  Request request;
  request.query = "query Who { echo person(id: \"p1\") { greeting } }";
  request.context = 42;
  CHECK(Json::parse((*engine)->execute(request).body) == Json::parse(R"({"data":{
      "echo":{"parent":"Query","field":"echo","operation":"Who","user":42},
      "person":{"greeting":"Person.greeting:Ann"}}})"));
  request.context = std::string("not an int");
  CHECK(Json::parse((*engine)->execute(request).body).at("data").at("echo").at("user").is_null());
}

}  // namespace
}  // namespace fafnir::graphql

namespace fafnir::graphql {
namespace {

TEST_CASE("resolvers may return Status and Result<json> from the core", "[graphql]") {
  Resolvers resolvers;
  resolvers.query["value"] = [](const ResolveContext&, const Json& arguments) -> FieldResult {
    const Json& of = arguments.at("of");
    if (of.is_null()) return Result<Json>(Status::FailedPrecondition("nothing to show"));
    return Result<Json>(of);
  };
  auto engine = GraphqlEngine::create(testing::kTestSdl, std::move(resolvers));
  REQUIRE(engine.ok());
  Request request;
  request.query = "{ a: value(of: [1, 2]) b: value(of: null) }";
  const Json body = Json::parse((*engine)->execute(request).body);
  CHECK(body.at("data") == Json::parse(R"({"a":[1,2],"b":null})"));
  CHECK(body.at("errors").at(0) == Json::parse(R"({"message":"nothing to show",
      "locations":[{"line":1,"column":24}],"path":["b"],
      "extensions":{"code":"FAILED_PRECONDITION"}})"));
}

}  // namespace
}  // namespace fafnir::graphql
