#include "server/graphql/validator.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "server/graphql/api_schema.h"
#include "server/graphql/parser.h"
#include "tests/graphql/test_schema.h"

namespace fafnir::graphql {
namespace {

const Schema& test_schema() {
  static const std::shared_ptr<const Schema> schema = Schema::build(testing::kTestSdl).value();
  return *schema;
}

const Schema& api_schema() {
  static const std::shared_ptr<const Schema> schema = Schema::build(api_schema_sdl()).value();
  return *schema;
}

std::vector<GraphqlError> errors_of(std::string_view query, const Schema& schema = test_schema(),
                                    const ValidationOptions& options = {}) {
  auto document = parse_executable(query);
  if (!document.ok()) FAIL(document.error().message);
  return validate(schema, document.value(), options);
}

std::vector<std::string> messages_of(std::string_view query, const Schema& schema = test_schema()) {
  std::vector<std::string> messages;
  for (const GraphqlError& error : errors_of(query, schema)) messages.push_back(error.message);
  return messages;
}

using Messages = std::vector<std::string>;

TEST_CASE("valid documents have no errors", "[graphql]") {
  CHECK(messages_of(R"(
    query Q($id: ID!, $skip: Boolean = false, $f: PetFilter = {minAge: 1}) {
      pet(id: $id) { ...PetFields owner @skip(if: $skip) { name } }
      pets(filter: $f) { id }
      search(text: "x") { ... on Pet { name } ... on Person { name } __typename }
      node(id: 1) { id ... on Person { friends { name } } }
      echo(list: [1, 2], color: RED, blob: {any: ["thing"]})
      __schema { queryType { name } }
      __type(name: "Pet") { name }
    }
    fragment PetFields on Pet { name ... on Node { id } }
    mutation M { addPet(name: "x") { id } })")
            .empty());
  CHECK(messages_of(R"(
    query Quote($symbol: String!) {
      getStockQuote(symbol: $symbol) { code data { symbol price volume asOf } }
      searchStocks(query: "ap") { symbol }
    })",
                    api_schema())
            .empty());
}

TEST_CASE("unknown fields name the field and the type", "[graphql]") {
  const std::vector<GraphqlError> errors = errors_of("{ pet(id: 1) { name nope } }");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "Cannot query field \"nope\" on type \"Pet\". Did you mean \"name\"?");
  CHECK(errors[0].locations == std::vector<SourceLocation>{{1, 21}});
  CHECK(messages_of("{ getStockQuote(symbol: \"A\") { code data { price bid } } }", api_schema()) ==
        Messages{"Cannot query field \"bid\" on type \"StockPriceData\"."});
  CHECK(messages_of("{ search(text: \"x\") { name } }") ==
        Messages{"Cannot query field \"name\" on type \"SearchResult\". Did you mean to use an "
                 "inline fragment on \"Person\" or \"Pet\"?"});
  CHECK(messages_of("{ pet(id: 1) { zzzzzz } }") ==
        Messages{"Cannot query field \"zzzzzz\" on type \"Pet\"."});
  CHECK(messages_of("{ pet(id: 1) { __schema { description } } }") ==
        Messages{"Cannot query field \"__schema\" on type \"Pet\"."});
}

TEST_CASE("leaf fields take no selection, composite fields need one", "[graphql]") {
  CHECK(messages_of("{ pet(id: 1) { name { x } } }") ==
        Messages{"Field \"name\" must not have a selection since type \"String!\" has no "
                 "subfields."});
  CHECK(messages_of("{ pet(id: 1) }") ==
        Messages{"Field \"pet\" of type \"Pet\" must have a selection of subfields. Did you mean "
                 "\"pet { ... }\"?"});
}

TEST_CASE("arguments: known, unique, required, and of the right type", "[graphql]") {
  const std::vector<GraphqlError> missing = errors_of("{\n  pet { id } }");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].message ==
        "Field \"pet\" argument \"id\" of type \"ID!\" is required, but it was not provided.");
  CHECK(missing[0].locations == std::vector<SourceLocation>{{2, 3}});
  CHECK(messages_of("{ getStockQuote { code } }", api_schema()) ==
        Messages{"Field \"getStockQuote\" argument \"symbol\" of type \"String!\" is required, "
                 "but it was not provided."});
  CHECK(messages_of("{ pet(id: 1, idx: 2) { id } }") ==
        Messages{"Unknown argument \"idx\" on field \"Query.pet\". Did you mean \"id\"?"});
  CHECK(messages_of("{ pet(id: 1, id: 2) { id } }") ==
        Messages{"There can be only one argument named \"id\"."});
  CHECK(messages_of("{ pet(id: null) { id } }") ==
        Messages{"Expected value of type \"ID!\", found null."});
  CHECK(messages_of("{ echo(number: 1.5) }") ==
        Messages{"Int cannot represent non-integer value: 1.5"});
  CHECK(messages_of("{ echo(number: 2147483648) }") ==
        Messages{"Int cannot represent non 32-bit signed integer value: 2147483648"});
  CHECK(messages_of("{ echo(text: 5) }") ==
        Messages{"String cannot represent a non string value: 5"});
  CHECK(messages_of("{ echo(color: \"RED\") }") ==
        Messages{"Enum \"Color\" cannot represent non-enum value: \"RED\". Did you mean the enum "
                 "value \"RED\" or \"GREEN\"?"});
  CHECK(messages_of("{ echo(color: PINK) }") ==
        Messages{"Value \"PINK\" does not exist in \"Color\" enum."});
  CHECK(messages_of("{ echo(filter: {nope: 1, minAge: \"x\"}) }") ==
        Messages{"Field \"nope\" is not defined by type \"PetFilter\". Did you mean \"name\"?",
                 "Int cannot represent non-integer value: \"x\""});
  CHECK(messages_of("{ echo(filter: 1) }") ==
        Messages{"Expected value of type \"PetFilter\", found 1."});
  CHECK(messages_of("{ echo(list: [1, \"2\"]) }") ==
        Messages{"Int cannot represent non-integer value: \"2\""});
  CHECK(messages_of("{ echo(filter: {name: \"a\", name: \"b\"}) }") ==
        Messages{"There can be only one input field named \"name\"."});
  CHECK(messages_of("mutation { createOrder(request: {symbol: \"A\", side: \"BUY\", "
                    "quantity: 1}) { code } }",
                    api_schema()) ==
        Messages{"Field \"CreateOrderRequest.type\" of required type \"String!\" was not "
                 "provided."});
}

TEST_CASE("fragments: known, used, acyclic, on composite types, possible", "[graphql]") {
  CHECK(messages_of("{ pet(id: 1) { id } } fragment Unused on Pet { name }") ==
        Messages{"Fragment \"Unused\" is never used."});
  CHECK(messages_of("{ pet(id: 1) { ...Nope } }") == Messages{"Unknown fragment \"Nope\"."});
  CHECK(messages_of("{ pet(id: 1) { ...A } } fragment A on Pet { ...B } "
                    "fragment B on Pet { ...C } fragment C on Pet { ...A }") ==
        Messages{"Cannot spread fragment \"A\" within itself via \"B\", \"C\"."});
  CHECK(messages_of("{ pet(id: 1) { ...A } } fragment A on Pet { name ...A }") ==
        Messages{"Cannot spread fragment \"A\" within itself."});
  CHECK(messages_of("{ pet(id: 1) { ...S } } fragment S on String { x }") ==
        Messages{"Fragment \"S\" cannot condition on non composite type \"String\"."});
  CHECK(messages_of("{ pet(id: 1) { ...S } } fragment S on Nope { x }") ==
        Messages{"Unknown type \"Nope\". Did you mean \"Node\"?"});
  CHECK(messages_of("{ pet(id: 1) { ...P } } fragment P on Person { name }") ==
        Messages{"Fragment \"P\" cannot be spread here as objects of type \"Pet\" can never be "
                 "of type \"Person\"."});
  CHECK(messages_of("{ pet(id: 1) { ... on Person { name } } }") ==
        Messages{"Fragment cannot be spread here as objects of type \"Pet\" can never be of "
                 "type \"Person\"."});
  CHECK(messages_of("{ pet(id: 1) { ... on Int { name } } }") ==
        Messages{"Fragment cannot condition on non composite type \"Int\"."});
  CHECK(messages_of("{ pet(id: 1) { id } } { pet(id: 2) { id } } fragment F on Pet { id } "
                    "fragment F on Pet { id }")
            .size() == 4);  // two anonymous operations, a duplicate and an unused fragment
}

TEST_CASE("variables: defined, used, input types, allowed in their positions", "[graphql]") {
  const std::vector<GraphqlError> undefined = errors_of("query Q {\n  pet(id: $id) { id } }");
  REQUIRE(undefined.size() == 1);
  CHECK(undefined[0].message == "Variable \"$id\" is not defined by operation \"Q\".");
  CHECK(undefined[0].locations == std::vector<SourceLocation>{{2, 11}, {1, 1}});
  CHECK(messages_of("{ pet(id: $id) { id } }") == Messages{"Variable \"$id\" is not defined."});
  CHECK(messages_of("query Q { ...F } fragment F on Query { pet(id: $id) { id } }") ==
        Messages{"Variable \"$id\" is not defined by operation \"Q\"."});
  CHECK(messages_of("query Q($id: ID!, $x: Int) { pet(id: $id) { id } }") ==
        Messages{"Variable \"$x\" is never used in operation \"Q\"."});
  const std::vector<GraphqlError> wrong = errors_of("query Q($n: Int) {\n  pet(id: $n) { id } }");
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].message ==
        "Variable \"$n\" of type \"Int\" used in position expecting type \"ID!\".");
  CHECK(wrong[0].locations == std::vector<SourceLocation>{{1, 9}, {2, 11}});
  CHECK(messages_of("query ($s: String) { getStockQuote(symbol: $s) { code } }", api_schema()) ==
        Messages{"Variable \"$s\" of type \"String\" used in position expecting type "
                 "\"String!\"."});
  CHECK(
      messages_of("query ($s: String = \"A\") { getStockQuote(symbol: $s) { code } }", api_schema())
          .empty());
  CHECK(messages_of("query ($l: Int) { pets(limit: $l) { id } }").empty());  // has a default
  CHECK(messages_of("query ($c: [Color!]) { pets(filter: {colors: $c}) { id } }").empty());
  CHECK(messages_of("query ($c: Color) { pets(filter: {colors: [$c]}) { id } }") ==
        Messages{"Variable \"$c\" of type \"Color\" used in position expecting type \"Color!\"."});
  CHECK(messages_of("query ($p: Pet) { pet(id: 1) { id } }") ==
        Messages{"Variable \"$p\" cannot be non-input type \"Pet\".",
                 "Variable \"$p\" is never used."});
  CHECK(messages_of("query ($a: Int, $a: Int) { echo(number: $a) }") ==
        Messages{"There can be only one variable named \"$a\"."});
  CHECK(messages_of("query ($a: Int = \"x\") { echo(number: $a) }") ==
        Messages{"Int cannot represent non-integer value: \"x\""});
}

TEST_CASE("directives: known, in their place, with a Boolean! condition", "[graphql]") {
  CHECK(messages_of("{ pet(id: 1) { id @nope } }") == Messages{"Unknown directive \"@nope\"."});
  CHECK(messages_of("query @skip(if: true) { pet(id: 1) { id } }") ==
        Messages{"Directive \"@skip\" may not be used on QUERY."});
  CHECK(messages_of("{ pet(id: 1) { id @skip } }") ==
        Messages{"Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it "
                 "was not provided."});
  CHECK(messages_of("{ pet(id: 1) { id @skip(if: \"yes\") } }") ==
        Messages{"Boolean cannot represent a non boolean value: \"yes\""});
  CHECK(messages_of("query ($b: Boolean) { pet(id: 1) { id @include(if: $b) } }") ==
        Messages{"Variable \"$b\" of type \"Boolean\" used in position expecting type "
                 "\"Boolean!\"."});
  CHECK(messages_of("{ pet(id: 1) { id @skip(if: true) @skip(if: false) } }") ==
        Messages{"The directive \"@skip\" can only be used once at this location."});
  CHECK(messages_of("{ pet(id: 1) { id @skip(if: true, unless: 1) } }") ==
        Messages{"Unknown argument \"unless\" on directive \"@skip\"."});
}

TEST_CASE("operations: unique names, a lone anonymous one, a root type", "[graphql]") {
  CHECK(messages_of("query A { big } query A { big }") ==
        Messages{"There can be only one operation named \"A\"."});
  CHECK(messages_of("{ big } query B { big }") ==
        Messages{"This anonymous operation must be the only defined operation."});
  CHECK(messages_of("subscription { big }") ==
        Messages{"Schema is not configured to execute subscription operation."});
}

TEST_CASE("fields with one response key must be mergeable", "[graphql]") {
  CHECK(messages_of("{ pet(id: 1) { x: name x: id } }") ==
        Messages{"Fields \"x\" conflict because \"name\" and \"id\" are different fields. Use "
                 "different aliases on the fields to fetch both if this was intentional."});
  CHECK(messages_of("{ pet(id: 1) { id } pet(id: 2) { id } }") ==
        Messages{"Fields \"pet\" conflict because they have differing arguments. Use different "
                 "aliases on the fields to fetch both if this was intentional."});
  CHECK(messages_of("{ pet(id: 1) { name ... on Pet { name } } }").empty());
  // Different object types never meet, but the shapes must still agree.
  CHECK(messages_of("{ search(text: \"\") { ... on Pet { x: name } ... on Person { x: name } } }")
            .empty());
  CHECK(messages_of("{ search(text: \"\") { ... on Pet { x: name } ... on Person { x: id } } }") ==
        Messages{"Fields \"x\" conflict because they return conflicting types \"String!\" and "
                 "\"ID!\". Use different aliases on the fields to fetch both if this was "
                 "intentional."});
}

TEST_CASE("nesting deeper than the limit with fragments expanded is refused", "[graphql]") {
  ValidationOptions options;
  options.max_depth = 4;
  CHECK(errors_of("{ person(id: 1) { friends { friends { name } } } }", test_schema(), options)
            .empty());
  const std::vector<GraphqlError> errors = errors_of(
      "{ person(id: 1) { ...A } } fragment A on Person { friends { ...B } } "
      "fragment B on Person { friends { friends { name } } }",
      test_schema(), options);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "Operation is nested too deeply (limit 4 levels).");
}

TEST_CASE("validation stops after the error limit", "[graphql]") {
  std::string query = "{ pet(id: 1) { ";
  for (int i = 0; i < 200; ++i) query.append("f").append(std::to_string(i)).append(" ");
  query += "} }";
  const std::vector<GraphqlError> errors = errors_of(query);
  REQUIRE(errors.size() == 101);
  CHECK(errors.back().message ==
        "Too many validation errors, error limit reached. Validation aborted.");
}

}  // namespace
}  // namespace fafnir::graphql

namespace fafnir::graphql {
namespace {

TEST_CASE("errors point where graphql-js points", "[graphql]") {
  auto locations = [](std::string_view query) {
    const std::vector<GraphqlError> errors = errors_of(query);
    REQUIRE(errors.size() == 1);
    return errors[0].locations;
  };
  using Locations = std::vector<SourceLocation>;
  CHECK(locations("{ pet(id: 1) { ...Nope } }") == Locations{{1, 19}});
  CHECK(locations("{ pet(id: 1) { ... on Int { name } } }") == Locations{{1, 23}});
  CHECK(locations("{ pet(id: 1, id: 2) { id } }") == Locations{{1, 7}, {1, 14}});
  CHECK(locations("query ($a: Int, $a: Int) { echo(number: $a) }") == Locations{{1, 9}, {1, 18}});
  CHECK(locations("query A { big } query A { big }") == Locations{{1, 7}, {1, 23}});
  CHECK(locations("{ pet(id: 1) { id @skip(if: true) @skip(if: false) } }") ==
        Locations{{1, 19}, {1, 35}});
  CHECK(locations("{ echo(filter: {name: \"a\", name: \"b\"}) }") == Locations{{1, 17}, {1, 28}});
}

}  // namespace
}  // namespace fafnir::graphql
