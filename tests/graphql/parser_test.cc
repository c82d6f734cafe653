#include "server/graphql/parser.h"

#include <catch2/catch.hpp>
#include <string>

namespace fafnir::graphql {
namespace {

using ast::Selection;
using ast::Value;

ast::Document parse_ok(std::string_view source) {
  auto result = parse_executable(source);
  if (!result.ok()) FAIL(result.error().message);
  return std::move(result).value();
}

SyntaxError parse_error(std::string_view source, const ParseOptions& options = {}) {
  auto result = parse_executable(source, options);
  REQUIRE_FALSE(result.ok());
  return result.error();
}

TEST_CASE("the query shorthand is an anonymous query", "[graphql]") {
  const ast::Document document = parse_ok("{ health }");
  REQUIRE(document.operations.size() == 1);
  const ast::OperationDefinition& operation = document.operations[0];
  CHECK(operation.type == ast::OperationType::kQuery);
  CHECK(operation.name.empty());
  REQUIRE(operation.selection_set.selections.size() == 1);
  CHECK(operation.selection_set.selections[0].name == "health");
  CHECK(operation.selection_set.selections[0].location == SourceLocation{1, 3});
}

TEST_CASE("operations with variables, defaults, directives, aliases and arguments", "[graphql]") {
  const ast::Document document = parse_ok(R"(
    query Quote($symbol: String! = "AAPL", $ids: [[ID!]]!, $f: Float = 1.5e3) @cached {
      q: getStockQuote(symbol: $symbol) @include(if: true) { code data { price } }
    }
    mutation Place($r: CreateOrderRequest!) { createOrder(request: $r) { code } }
    subscription S { ticks }
  )");
  REQUIRE(document.operations.size() == 3);
  const ast::OperationDefinition& query = document.operations[0];
  CHECK(query.name == "Quote");
  REQUIRE(query.variables.size() == 3);
  CHECK(query.variables[0].name == "symbol");
  CHECK(ast::print_type(query.variables[0].type) == "String!");
  REQUIRE(query.variables[0].default_value.has_value());
  CHECK(query.variables[0].default_value->text == "AAPL");
  CHECK(ast::print_type(query.variables[1].type) == "[[ID!]]!");
  CHECK(query.variables[1].type.named_type() == "ID");
  CHECK(query.variables[2].default_value->kind == Value::Kind::kFloat);
  REQUIRE(query.directives.size() == 1);
  CHECK(query.directives[0].name == "cached");
  const Selection& field = query.selection_set.selections[0];
  CHECK(field.alias == "q");
  CHECK(field.name == "getStockQuote");
  CHECK(field.response_key() == "q");
  REQUIRE(field.arguments.size() == 1);
  CHECK(field.arguments[0].value.kind == Value::Kind::kVariable);
  CHECK(field.arguments[0].value.text == "symbol");
  CHECK(field.directives[0].name == "include");
  CHECK(field.directives[0].arguments[0].value.boolean);
  CHECK(field.selection_set.selections.size() == 2);
  CHECK(document.operations[1].type == ast::OperationType::kMutation);
  CHECK(document.operations[2].type == ast::OperationType::kSubscription);
}

TEST_CASE("every kind of value literal", "[graphql]") {
  const ast::Document document = parse_ok(
      R"({ f(a: 1, b: -2.5, c: "s", d: """block""", e: true, g: null, h: ENUM_X,
             i: [1, [2, $v]], j: {k: {l: [null]}, m: "n"}) })");
  const auto& arguments = document.operations[0].selection_set.selections[0].arguments;
  REQUIRE(arguments.size() == 9);
  CHECK(arguments[0].value.kind == Value::Kind::kInt);
  CHECK(arguments[1].value.kind == Value::Kind::kFloat);
  CHECK(arguments[1].value.text == "-2.5");
  CHECK(arguments[3].value.kind == Value::Kind::kString);
  CHECK(arguments[3].value.block_string);
  CHECK(arguments[4].value.kind == Value::Kind::kBoolean);
  CHECK(arguments[5].value.kind == Value::Kind::kNull);
  CHECK(arguments[6].value.kind == Value::Kind::kEnum);
  CHECK(ast::print_value(arguments[7].value) == "[1, [2, $v]]");
  CHECK(ast::print_value(arguments[8].value) == "{k: {l: [null]}, m: \"n\"}");
  CHECK(ast::print_value(arguments[2].value) == "\"s\"");
}

TEST_CASE("fragments, spreads and inline fragments", "[graphql]") {
  const ast::Document document = parse_ok(R"(
    query { search { ...Bits @skip(if: false) ... on Pet { name } ... @include(if: true) { id } } }
    fragment Bits on SearchResult { __typename }
  )");
  const auto& selections =
      document.operations[0].selection_set.selections[0].selection_set.selections;
  REQUIRE(selections.size() == 3);
  CHECK(selections[0].kind == Selection::Kind::kFragmentSpread);
  CHECK(selections[0].name == "Bits");
  CHECK(selections[0].directives.size() == 1);
  CHECK(selections[1].kind == Selection::Kind::kInlineFragment);
  CHECK(selections[1].type_condition == "Pet");
  CHECK(selections[2].kind == Selection::Kind::kInlineFragment);
  CHECK(selections[2].type_condition.empty());
  CHECK(selections[2].directives[0].name == "include");
  REQUIRE(document.fragments.size() == 1);
  CHECK(document.fragments[0].name == "Bits");
  CHECK(document.fragments[0].type_condition == "SearchResult");
  CHECK(document.fragments[0].type_condition_location == SourceLocation{3, 22});
}

TEST_CASE("syntax errors carry a message, line and column", "[graphql]") {
  SyntaxError error = parse_error("{ a(x: ) }");
  CHECK(error.message == "Syntax Error: Unexpected \")\".");
  CHECK(error.location == SourceLocation{1, 8});
  error = parse_error("query {\n  a {\n    b\n  }\n");
  CHECK(error.message == "Syntax Error: Expected Name, found <EOF>.");
  CHECK(error.location == SourceLocation{5, 1});
  error = parse_error("{ a b: }");
  CHECK(error.message == "Syntax Error: Expected Name, found \"}\".");
  CHECK(parse_error("").message == "Syntax Error: Unexpected <EOF>.");
  CHECK(parse_error("{}").message == "Syntax Error: Expected Name, found \"}\".");
  CHECK(parse_error("query Q($a Int) { a }").message ==
        "Syntax Error: Expected \":\", found Name \"Int\".");
  CHECK(parse_error("type Query { a: Int }").message == "Syntax Error: Unexpected Name \"type\".");
  CHECK(parse_error("fragment on on X { a }").message == "Syntax Error: Unexpected Name \"on\".");
  CHECK(parse_error("fragment F X { a }").message ==
        "Syntax Error: Expected \"on\", found Name \"X\".");
  CHECK(parse_error("query ($a: Int = $b) { a }").message ==
        "Syntax Error: Unexpected variable \"$b\" in constant value.");
  CHECK(parse_error("{ a(x: \"open) }").message == "Syntax Error: Unterminated string.");
  error = parse_error("{\n  a(x: 01) }");
  CHECK(error.location == SourceLocation{2, 9});
}

TEST_CASE("deep nesting is refused cleanly at the depth limit", "[graphql]") {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "{ a ";
  for (int i = 0; i < 5000; ++i) deep += "}";
  SyntaxError error = parse_error(deep);
  CHECK(error.message == "Syntax Error: Document is nested too deeply (limit 100 levels).");
  CHECK(error.location == SourceLocation{1, 4 * 100 + 1});

  std::string list = "{ a(x: ";
  for (int i = 0; i < 5000; ++i) list += "[";
  CHECK(parse_error(list).message.find("nested too deeply") != std::string::npos);
  std::string object = "{ a(x: ";
  for (int i = 0; i < 5000; ++i) object += "{a: ";
  CHECK(parse_error(object).message.find("nested too deeply") != std::string::npos);
  std::string type = "query ($v: ";
  for (int i = 0; i < 5000; ++i) type += "[";
  CHECK(parse_error(type).message.find("nested too deeply") != std::string::npos);

  ParseOptions options;
  options.max_depth = 3;
  CHECK(parse_executable("{ a { b { c } } }", options).ok());
  CHECK_FALSE(parse_executable("{ a { b { c { d } } } }", options).ok());
  options.max_depth = 1'000'000;  // clamped to kMaxSupportedDepth
  options.max_bytes = 0;
  CHECK(parse_error(deep, options).message.find("limit 500 levels") != std::string::npos);
}

TEST_CASE("documents over the size limit are refused before parsing", "[graphql]") {
  ParseOptions options;
  options.max_bytes = 16;
  CHECK(parse_executable("{ a }", options).ok());
  const SyntaxError error = parse_error("{ aaaaaaaaaaaaaaaaaaaaaa }", options);
  CHECK(error.message == "Syntax Error: Document is too large: 26 bytes (limit 16).");
  CHECK(error.location == SourceLocation{1, 1});
}

TEST_CASE("type-system documents (SDL)", "[graphql]") {
  auto result = parse_type_system(R"(
    """The schema."""
    schema { query: Q mutation: M }
    "A scalar." scalar Date @specifiedBy(url: "https://example.com")
    type Q implements & A & B @key { "doc" f(a: Int = 1 @deprecated, b: [String!]!): String! }
    interface A { f(a: Int, b: [String!]!): String! }
    interface B implements A { f(a: Int, b: [String!]!): String! }
    union U = | Q | M
    enum E { X "y" Y @deprecated(reason: "no") }
    input I { a: Int = 3, b: I }
    directive @key(fields: String = "id") repeatable on OBJECT | INTERFACE
  )");
  REQUIRE(result.ok());
  const ast::TypeSystemDocument& document = result.value();
  REQUIRE(document.schema.has_value());
  CHECK(document.schema->description == "The schema.");
  CHECK(document.schema->root_types.size() == 2);
  REQUIRE(document.types.size() == 7);
  CHECK(document.types[0].description == "A scalar.");
  CHECK(document.types[1].interfaces == std::vector<std::string>{"A", "B"});
  CHECK(document.types[1].fields[0].description == "doc");
  CHECK(document.types[1].fields[0].arguments[0].default_value->text == "1");
  CHECK(document.types[4].members == std::vector<std::string>{"Q", "M"});
  CHECK(document.types[5].enum_values[1].description == "y");
  CHECK(document.directives[0].repeatable);
  CHECK(document.directives[0].locations == std::vector<std::string>{"OBJECT", "INTERFACE"});
  CHECK_FALSE(parse_type_system("extend type Q { a: Int }").ok());
  CHECK(parse_type_system("enum E { true }").error().message ==
        "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.");
  CHECK(parse_type_system("type Q { a: Int ").error().message ==
        "Syntax Error: Expected Name, found <EOF>.");
}

}  // namespace
}  // namespace fafnir::graphql
