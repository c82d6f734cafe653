#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/graphql/test_schema.h"

namespace fafnir::graphql {
namespace {

using Json = nlohmann::json;
using testing::TestEngine;

TEST_CASE("fields resolve through nested objects and lists, in selection order", "[graphql]") {
  TestEngine engine;
  const Response response = engine.raw("{ person(id: \"p1\") { name pets { name age tags } } }");
  CHECK(response.outcome == Outcome::kOk);
  CHECK(response.body ==
        R"({"data":{"person":{"name":"Ann","pets":[{"name":"Rex","age":3,"tags":["good","dog"]},)"
        R"({"name":"Tom","age":null,"tags":[]}]}}})");
}

TEST_CASE("aliases name the same field twice with different arguments", "[graphql]") {
  TestEngine engine;
  const Json result = engine.run("{ a: pet(id: 1) { n: name } b: pet(id: \"2\") { name } }");
  CHECK(result == Json::parse(R"({"data":{"a":{"n":"Rex"},"b":{"name":"Tom"}}})"));
}

TEST_CASE("named and inline fragments apply by type condition", "[graphql]") {
  TestEngine engine;
  const Json result = engine.run(R"(
    query { search(text: "x") { __typename ...PetBits ... on Person { name pets { id } } } }
    fragment PetBits on Pet { name color ... on Node { id } })");
  CHECK(result == Json::parse(R"({"data":{"search":[
      {"__typename":"Pet","name":"Rex","color":"RED","id":"1"},
      {"__typename":"Person","name":"Ann","pets":[{"id":"1"},{"id":"2"}]}]}})"));
}

TEST_CASE("fields selected twice through fragments are merged", "[graphql]") {
  TestEngine engine;
  const Json result = engine.run(R"({ pet(id: 1) { owner { id } ...F owner { name } } }
                                     fragment F on Pet { owner { id name } name })");
  CHECK(result ==
        Json::parse(R"({"data":{"pet":{"owner":{"id":"p1","name":"Ann"},"name":"Rex"}}})"));
}

TEST_CASE("an interface field resolves by the value's __typename", "[graphql]") {
  TestEngine engine;
  const Json result = engine.run(
      "{ a: node(id: \"p1\") { id __typename ... on Person { name } } "
      "b: node(id: \"2\") { id ... on Pet { name } ... on Person { pets { id } } } }");
  CHECK(result == Json::parse(R"({"data":{"a":{"id":"p1","__typename":"Person","name":"Ann"},
                                          "b":{"id":"2","name":"Tom"}}})"));
}

TEST_CASE("@skip and @include follow literals and variables", "[graphql]") {
  TestEngine engine;
  const std::string query = R"(query ($withAge: Boolean!, $skipName: Boolean = false) {
    pet(id: 1) {
      name @skip(if: $skipName)
      age @include(if: $withAge)
      ... on Pet @include(if: $withAge) { color }
      ...Tags @skip(if: true)
      id @include(if: true) @skip(if: false)
    }
  }
  fragment Tags on Pet { tags })";
  CHECK(engine.run(query, {{"withAge", true}}) ==
        Json::parse(R"({"data":{"pet":{"name":"Rex","age":3,"color":"RED","id":"1"}}})"));
  CHECK(engine.run(query, {{"withAge", false}, {"skipName", true}}) ==
        Json::parse(R"({"data":{"pet":{"id":"1"}}})"));
}

TEST_CASE("__typename names the object type, Query and Mutation at the root", "[graphql]") {
  TestEngine engine;
  CHECK(engine.run("{ __typename pet(id: 1) { __typename } }") ==
        Json::parse(R"({"data":{"__typename":"Query","pet":{"__typename":"Pet"}}})"));
  CHECK(engine.run("mutation { __typename }") ==
        Json::parse(R"({"data":{"__typename":"Mutation"}})"));
}

TEST_CASE("arguments are coerced with defaults, and variables fill them", "[graphql]") {
  TestEngine engine;
  const Json result = engine.run(
      R"(query ($n: Int, $f: PetFilter, $big: Int64) {
           echo(text: "hi", number: $n, ratio: 2, flag: true, color: GREEN, id: 7, list: 5,
                filter: $f, big: $big, blob: {a: [1, "x"]}) })",
      {{"n", 42}, {"f", {{"name", "Rex"}, {"colors", "RED"}}}, {"big", "9007199254740993"}});
  CHECK(result == Json::parse(R"({"data":{"echo":{
      "text":"hi","number":42,"ratio":2.0,"flag":true,"color":"GREEN","id":"7","list":[5],
      "filter":{"name":"Rex","minAge":0,"colors":["RED"]},"big":9007199254740993,
      "blob":{"a":[1,"x"]}}}})"));
  // An absent nullable variable leaves the argument out; the argument default applies.
  CHECK(engine.run("query ($l: Int) { pets(limit: $l) { id } }") ==
        Json::parse(R"({"data":{"pets":[{"id":"1"},{"id":"2"}]}})"));
  CHECK(engine.run("query ($l: Int) { pets(limit: $l) { id } }", {{"l", 1}}) ==
        Json::parse(R"({"data":{"pets":[{"id":"1"}]}})"));
  CHECK(engine.run("{ person(id: \"p1\") { a: greeting b: greeting(punctuation: \"?\") } }") ==
        Json::parse(R"({"data":{"person":{"a":"Hello, Ann!","b":"Hello, Ann?"}}})"));
}

TEST_CASE("invalid variables are request errors with the spec's messages", "[graphql]") {
  TestEngine engine;
  auto first_message = [&](std::string_view query, Json variables) {
    const Response response = engine.raw(query, std::move(variables));
    CHECK(response.outcome == Outcome::kRequestError);
    const Json body = Json::parse(response.body);
    CHECK_FALSE(body.contains("data"));
    return body.at("errors").at(0).at("message").get<std::string>();
  };
  CHECK(first_message("query ($n: Int) { echo(number: $n) }", {{"n", 1.5}}) ==
        "Variable \"$n\" got invalid value 1.5; Int cannot represent non-integer value: 1.5");
  CHECK(first_message("query ($n: Int) { echo(number: $n) }", {{"n", 3000000000LL}}) ==
        "Variable \"$n\" got invalid value 3000000000; Int cannot represent non 32-bit signed "
        "integer value: 3000000000");
  CHECK(first_message("query ($t: String) { echo(text: $t) }", {{"t", 5}}) ==
        "Variable \"$t\" got invalid value 5; String cannot represent a non string value: 5");
  CHECK(first_message("query ($id: ID!) { pet(id: $id) { id } }", Json::object()) ==
        "Variable \"$id\" of required type \"ID!\" was not provided.");
  CHECK(first_message("query ($id: ID!) { pet(id: $id) { id } }", {{"id", nullptr}}) ==
        "Variable \"$id\" of non-null type \"ID!\" must not be null.");
  CHECK(first_message("query ($f: PetFilter) { pets(filter: $f) { id } }",
                      {{"f", {{"minAge", "x"}}}}) ==
        "Variable \"$f\" got invalid value \"x\" at \"f.minAge\"; Int cannot represent "
        "non-integer value: \"x\"");
  CHECK(
      first_message("query ($f: PetFilter) { pets(filter: $f) { id } }", {{"f", {{"nope", 1}}}}) ==
      "Variable \"$f\" got invalid value {\"nope\":1}; Field \"nope\" is not defined by type "
      "\"PetFilter\". Did you mean \"name\"?");
  CHECK(first_message("query ($f: PetFilter) { pets(filter: $f) { id } }",
                      {{"f", {{"colors", {"RED", "PINK"}}}}}) ==
        "Variable \"$f\" got invalid value \"PINK\" at \"f.colors[1]\"; Value \"PINK\" does not "
        "exist in \"Color\" enum.");
  CHECK(first_message("query ($f: PetFilter) { pets(filter: $f) { id } }", {{"f", "x"}}) ==
        "Variable \"$f\" got invalid value \"x\"; Expected type \"PetFilter\" to be an object.");
  CHECK(first_message("query ($b: Boolean!) { pet(id: 1) { id @skip(if: $b) } }", {{"b", 1}}) ==
        "Variable \"$b\" got invalid value 1; Boolean cannot represent a non boolean value: 1");
  const Json body = Json::parse(engine.raw("query ($id: ID!) { pet(id: $id) { id } }").body);
  CHECK(body.at("errors").at(0).at("locations") == Json::parse(R"([{"line":1,"column":8}])"));
}

TEST_CASE("a field error nulls the field and keeps the other fields", "[graphql]") {
  TestEngine engine;
  const Response response = engine.raw("{ pet(id: 1) { name } failing person(id: \"zz\") { id } }");
  CHECK(response.outcome == Outcome::kOk);
  const Json body = Json::parse(response.body);
  CHECK(body.at("data") == Json::parse(R"({"pet":{"name":"Rex"},"failing":null,"person":null})"));
  REQUIRE(body.at("errors").size() == 2);
  CHECK(body.at("errors").at(0) == Json::parse(R"({"message":"it failed",
      "locations":[{"line":1,"column":23}],"path":["failing"],
      "extensions":{"code":"NOT_FOUND"}})"));
  CHECK(body.at("errors").at(1).at("message") == "no person \"zz\"");
  CHECK(body.at("errors").at(1).at("extensions").at("code") == "NOT_FOUND");
  CHECK(body.at("errors").at(1).at("path") == Json::array({"person"}));
}

TEST_CASE("a resolver's value can come with an error", "[graphql]") {
  TestEngine engine;
  const Json body = engine.run("{ partial { required optional } }");
  CHECK(body.at("data") == Json::parse(R"({"partial":{"required":"FAILED_PRECONDITION",
                                                      "optional":null}})"));
  CHECK(body.at("errors").at(0).at("message") == "the operation failed");
  CHECK(body.at("errors").at(0).at("extensions").at("code") == "FAILED_PRECONDITION");
}

TEST_CASE("null in a non-null field propagates to the nearest nullable parent", "[graphql]") {
  TestEngine engine;
  const Json body = engine.run("{ pet(id: 1) { name } strict { optional required } }");
  CHECK(body.at("data") == Json::parse(R"({"pet":{"name":"Rex"},"strict":null})"));
  CHECK(body.at("errors") == Json::parse(R"([{
      "message":"Cannot return null for non-nullable field Strict.required.",
      "locations":[{"line":1,"column":41}],"path":["strict","required"],
      "extensions":{"code":"INTERNAL"}}])"));
  // Through a non-null parent up to the root: data becomes null.
  const Json root = engine.run("{ pet(id: 1) { name } strictRequired { required } }");
  CHECK(root.at("data").is_null());
  CHECK(root.at("errors").size() == 1);
  // A non-null root field whose resolver fails.
  const Json failed = engine.run("{ failingRequired pet(id: 1) { name } }");
  CHECK(failed.at("data").is_null());
  CHECK(failed.at("errors").at(0).at("extensions").at("code") == "PERMISSION_DENIED");
  CHECK(failed.at("errors").at(0).at("message") == "not allowed");
}

TEST_CASE("lists: items complete one by one, nulls only where allowed", "[graphql]") {
  TestEngine engine;
  CHECK(engine.run("{ person(id: \"p1\") { friends { name } } }").at("data") ==
        Json::parse(R"({"person":{"friends":[null,{"name":"Ann"}]}})"));
  // A value that is not a list.
  const Json not_a_list = engine.run("{ broken(kind: 1) { required list } }");
  CHECK(not_a_list.at("data") == Json::parse(R"({"broken":null})"));
  CHECK(not_a_list.at("errors").at(0).at("message") ==
        "Expected Iterable, but did not find one for field \"Strict.list\".");
  // A null item in [String!]! nulls the list, then its nullable parent.
  const Json null_item = engine.run("{ broken(kind: 2) { list } }");
  CHECK(null_item.at("data") == Json::parse(R"({"broken":null})"));
  CHECK(null_item.at("errors").at(0).at("path") == Json::parse(R"(["broken","list",1])"));
  // In [String] a bad item is null on its own; numbers serialize as strings.
  const Json items = engine.run("{ broken(kind: 3) { items } }");
  CHECK(items.at("data") == Json::parse(R"({"broken":{"items":[null,"5",null]}})"));
  CHECK(items.at("errors").at(0).at("message") == "String cannot represent value: {}");
  CHECK(items.at("errors").at(0).at("path") == Json::parse(R"(["broken","items",2])"));
  // An object type needs a JSON object.
  const Json not_an_object = engine.run("{ broken(kind: 4) { required } }");
  CHECK(not_an_object.at("data") == Json::parse(R"({"broken":null})"));
  CHECK(not_an_object.at("errors").size() == 1);
}

TEST_CASE("Int64 keeps 64-bit integers exact", "[graphql]") {
  TestEngine engine;
  CHECK(engine.raw("{ big }").body == R"({"data":{"big":9007199254740993}})");
  CHECK(engine.run("{ echo(big: 9223372036854775807) }").at("data").at("echo").at("big") ==
        INT64_MAX);
  const Response too_big = engine.raw("{ echo(big: 9223372036854775808) }");
  CHECK(too_big.outcome == Outcome::kRequestError);
  CHECK(Json::parse(too_big.body).at("errors").at(0).at("message") ==
        "Int64 cannot represent non 64-bit signed integer value: 9223372036854775808");
}

TEST_CASE("enums serialize by name and reject unknown values", "[graphql]") {
  TestEngine engine;
  CHECK(engine.run("{ pet(id: 2) { color } }").at("data") ==
        Json::parse(R"({"pet":{"color":"BLUE"}})"));
  const Json body = engine.run("query ($c: Color) { echo(color: $c) }", {{"c", "PURPLE"}});
  CHECK(body.at("errors").at(0).at("message") ==
        "Variable \"$c\" got invalid value \"PURPLE\"; Value \"PURPLE\" does not exist in "
        "\"Color\" enum.");
}

TEST_CASE("a resolver that throws becomes an INTERNAL field error", "[graphql]") {
  TestEngine engine;
  const Json body = engine.run("{ throwing pet(id: 1) { id } }");
  CHECK(body.at("data") == Json::parse(R"({"throwing":null,"pet":{"id":"1"}})"));
  CHECK(body.at("errors").at(0).at("extensions").at("code") == "INTERNAL");
}

TEST_CASE("mutations run their fields in order", "[graphql]") {
  TestEngine engine;
  const Json body = engine.run(
      "mutation { a: increment b: increment pet: addPet(name: \"Kit\") { id name } c: increment }");
  CHECK(body == Json::parse(R"({"data":{"a":1,"b":2,"pet":{"id":"3","name":"Kit"},"c":3}})"));
}

TEST_CASE("the value budget stops runaway executions", "[graphql]") {
  EngineOptions options;
  options.max_values = 5;
  TestEngine engine(options);
  const Json body = engine.run("{ person(id: \"p1\") { pets { id name age tags } } }");
  CHECK(body.at("data").at("person").is_null());
  CHECK(body.at("errors").size() == 1);
  CHECK(body.at("errors").at(0).at("message").get<std::string>().find("more than 5 values") !=
        std::string::npos);
}


// The `extensions.code` of every error of a response, in order.
std::vector<std::string> error_codes_of(const Response& response) {
  const Json body = Json::parse(response.body);
  std::vector<std::string> codes;
  for (const Json& error : body.at("errors")) {
    codes.push_back(error.at("extensions").at("code").get<std::string>());
  }
  return codes;
}

using Codes = std::vector<std::string>;

TEST_CASE("request errors name GRAPHQL_PARSE_FAILED for text that does not parse", "[graphql]") {
  EngineOptions options;
  options.max_query_bytes = 200;
  options.max_depth = 5;
  TestEngine engine(options);
  CHECK(error_codes_of(engine.raw("")) == Codes{"GRAPHQL_PARSE_FAILED"});
  CHECK(error_codes_of(engine.raw("{ pet(id: 1) { name }")) == Codes{"GRAPHQL_PARSE_FAILED"});
  CHECK(error_codes_of(engine.raw("{ name \"unterminated")) == Codes{"GRAPHQL_PARSE_FAILED"});
  CHECK(error_codes_of(engine.raw("{ pet(id: 1) { " + std::string(300, ' ') + "name } }")) ==
        Codes{"GRAPHQL_PARSE_FAILED"});
  const Response too_deep = engine.raw("{ a { b { c { d { e { f } } } } } }");
  CHECK(too_deep.outcome == Outcome::kRequestError);
  CHECK(error_codes_of(too_deep) == Codes{"GRAPHQL_PARSE_FAILED"});
}

TEST_CASE("request errors name GRAPHQL_VALIDATION_FAILED for documents that do not validate",
          "[graphql]") {
  EngineOptions options;
  options.max_depth = 5;
  TestEngine engine(options);
  CHECK(error_codes_of(engine.raw("{ pet(id: 1) { nope } }")) ==
        Codes{"GRAPHQL_VALIDATION_FAILED"});
  CHECK(error_codes_of(engine.raw("{ pet(id: 1, bogus: 2) { name } }")) ==
        Codes{"GRAPHQL_VALIDATION_FAILED"});
  CHECK(error_codes_of(engine.raw("query ($x: Nope) { echo(number: $x) }")) ==
        Codes{"GRAPHQL_VALIDATION_FAILED"});
  CHECK(error_codes_of(engine.raw("{ echo(number: \"x\") }")) ==
        Codes{"GRAPHQL_VALIDATION_FAILED"});
  CHECK(error_codes_of(engine.raw("{ pet { name } a: nope b: nope2 }")) ==
        Codes(3, "GRAPHQL_VALIDATION_FAILED"));
  // Each part parses within the depth limit; expanded, the fragment goes past it.
  CHECK(error_codes_of(engine.raw("{ person(id: \"p1\") { friends { ...F } } } "
                                  "fragment F on Person { friends { friends { name } } }")) ==
        Codes{"GRAPHQL_VALIDATION_FAILED"});

  const std::string two = "query A { big } query B { big }";
  CHECK(error_codes_of(engine.raw(two)) == Codes{"GRAPHQL_VALIDATION_FAILED"});
  CHECK(error_codes_of(engine.raw(two, nullptr, "C")) == Codes{"GRAPHQL_VALIDATION_FAILED"});
  Request get;
  get.query = "mutation { increment }";
  get.allow_mutation = false;
  CHECK(error_codes_of(engine.engine().execute(get)) == Codes{"GRAPHQL_VALIDATION_FAILED"});
}

TEST_CASE("request errors name BAD_USER_INPUT for variables that do not coerce", "[graphql]") {
  TestEngine engine;
  const std::string query = "query ($id: ID!, $n: Int) { pet(id: $id) { name } echo(number: $n) }";
  CHECK(error_codes_of(engine.raw(query, {{"id", 1}, {"n", "x"}})) == Codes{"BAD_USER_INPUT"});
  CHECK(error_codes_of(engine.raw(query, Json::object())) == Codes{"BAD_USER_INPUT"});
  CHECK(error_codes_of(engine.raw(query, {{"id", nullptr}, {"n", 1.5}})) ==
        Codes(2, "BAD_USER_INPUT"));
  CHECK(error_codes_of(engine.raw(query, Json::array())) == Codes{"BAD_USER_INPUT"});
  CHECK(error_codes_of(engine.raw("query ($f: PetFilter) { pets(filter: $f) { id } }",
                                  {{"f", {{"nope", 1}}}})) == Codes{"BAD_USER_INPUT"});
}

TEST_CASE("field errors keep their resolvers' codes; the engine's own are coded too",
          "[graphql]") {
  TestEngine engine;
  CHECK(error_codes_of(engine.raw("{ failing failingRequired }")) ==
        Codes{"NOT_FOUND", "PERMISSION_DENIED"});
  CHECK(error_codes_of(engine.raw("{ partial { required } throwing }")) ==
        Codes{"FAILED_PRECONDITION", "INTERNAL"});
  CHECK(error_codes_of(engine.raw("{ strict { required } }")) == Codes{"INTERNAL"});
  CHECK(error_codes_of(engine.raw("{ broken(kind: 1) { list } }")) == Codes{"INTERNAL"});
  CHECK(error_codes_of(engine.raw("{ broken(kind: 3) { items } }")) == Codes{"INTERNAL"});
  CHECK(error_codes_of(engine.raw("{ broken(kind: 4) { required } }")) == Codes{"INTERNAL"});

  EngineOptions options;
  options.max_values = 5;
  TestEngine small_budget(options);
  CHECK(error_codes_of(small_budget.raw("{ person(id: \"p1\") { pets { id name age tags } } }")) ==
        Codes{"BAD_USER_INPUT"});
}

}  // namespace
}  // namespace fafnir::graphql
