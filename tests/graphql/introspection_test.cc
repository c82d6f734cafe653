#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "server/graphql/api_schema.h"
#include "server/graphql/engine.h"
#include "tests/graphql/introspection_queries.h"
#include "tests/graphql/test_schema.h"

namespace fafnir::graphql {
namespace {

using Json = nlohmann::json;

// The API schema with no resolvers at all: introspection must not need any.
std::unique_ptr<GraphqlEngine> api_engine() {
  auto engine = GraphqlEngine::create(api_schema_sdl(), Resolvers{});
  REQUIRE(engine.ok());
  return std::move(engine).value();
}

Json run(const GraphqlEngine& engine, std::string_view query) {
  Request request;
  request.query = query;
  const Response response = engine.execute(request);
  CHECK(response.outcome == Outcome::kOk);
  return Json::parse(response.body);
}

const Json& type_named(const Json& types, std::string_view name) {
  for (const Json& type : types) {
    if (type.at("name") == name) return type;
  }
  FAIL("no type " << name);
  static const Json kNone;
  return kNone;
}

// "NON_NULL(LIST(NON_NULL(OBJECT StockSearchResult)))" from a TypeRef.
std::string describe(const Json& ref) {
  if (ref.at("name").is_string()) {
    return ref.at("kind").get<std::string>() + " " + ref.at("name").get<std::string>();
  }
  return ref.at("kind").get<std::string>() + "(" + describe(ref.at("ofType")) + ")";
}

TEST_CASE("GraphiQL's introspection query describes the whole API schema", "[graphql]") {
  const auto engine = api_engine();
  const Json body = run(*engine, testing::kModernIntrospectionQuery);
  REQUIRE_FALSE(body.contains("errors"));
  const Json& schema = body.at("data").at("__schema");
  CHECK(schema.at("queryType") == Json::parse(R"({"name":"Query","kind":"OBJECT"})"));
  CHECK(schema.at("mutationType") == Json::parse(R"({"name":"Mutation","kind":"OBJECT"})"));
  CHECK(schema.at("subscriptionType").is_null());

  std::set<std::string> names;
  for (const Json& type : schema.at("types")) names.insert(type.at("name").get<std::string>());
  for (const char* name : {"Query",
                           "Mutation",
                           "Int64",
                           "HasPermissionRequest",
                           "SecurityPermission",
                           "HasPermissionResponse",
                           "ProfileData",
                           "ProfileDataResponse",
                           "StockData",
                           "StockSearchResult",
                           "StockPriceData",
                           "StockHistoricalData",
                           "StockMetadataResponse",
                           "StockQuoteResponse",
                           "StockQuoteBatchResponse",
                           "StockHistoricalDataResponse",
                           "Order",
                           "CreateOrderRequest",
                           "GetOrderByIDRequest",
                           "GetOrderByIDResponse",
                           "CreateOrderResponse",
                           "CancelOrderResponse",
                           "OrdersResponse",
                           "Account",
                           "Holding",
                           "WatchlistItem",
                           "Transaction",
                           "CreateAccountRequest",
                           "CreateAccountResponse",
                           "GetPortfolioSummaryResponse",
                           "GetHoldingsRequest",
                           "GetHoldingsResponse",
                           "GetHoldingRequest",
                           "GetHoldingResponse",
                           "GetWatchlistResponse",
                           "AddToWatchlistRequest",
                           "AddToWatchlistResponse",
                           "RemoveFromWatchlistRequest",
                           "RemoveFromWatchlistResponse",
                           "GetTransactionsRequest",
                           "GetTransactionsResponse",
                           "DepositRequest",
                           "DepositResponse",
                           "TransferRequest",
                           "TransferResponse",
                           "PositionPerformance",
                           "PortfolioPerformance",
                           "PortfolioPerformanceResponse",
                           "MarketClock",
                           "String",
                           "Float",
                           "Int",
                           "Boolean",
                           "__Schema",
                           "__Type",
                           "__TypeKind",
                           "__Field",
                           "__InputValue",
                           "__EnumValue",
                           "__Directive",
                           "__DirectiveLocation"}) {
    INFO(name);
    CHECK(names.count(name) == 1);
  }
  CHECK(names.size() == schema.at("types").size());  // no duplicates

  const Json& query = type_named(schema.at("types"), "Query");
  CHECK(query.at("kind") == "OBJECT");
  CHECK(query.at("interfaces") == Json::array());
  CHECK(query.at("inputFields").is_null());
  CHECK(query.at("fields").size() == 17);
  for (const Json& field : query.at("fields")) {
    if (field.at("name") == "searchStocks") {
      CHECK(describe(field.at("type")) == "NON_NULL(LIST(NON_NULL(OBJECT StockSearchResult)))");
      CHECK(field.at("args").at(1) == Json::parse(R"({"name":"limit","description":null,
          "type":{"kind":"SCALAR","name":"Int","ofType":null},"defaultValue":"8",
          "isDeprecated":false,"deprecationReason":null})"));
    }
  }
  const Json& request = type_named(schema.at("types"), "CreateOrderRequest");
  CHECK(request.at("kind") == "INPUT_OBJECT");
  CHECK(request.at("fields").is_null());
  CHECK(request.at("isOneOf") == false);
  CHECK(request.at("inputFields").size() == 7);
  const Json& int64 = type_named(schema.at("types"), "Int64");
  CHECK(int64.at("kind") == "SCALAR");
  CHECK(int64.at("specifiedByURL").is_null());
  const Json& kind = type_named(schema.at("types"), "__TypeKind");
  CHECK(kind.at("enumValues").size() == 8);

  std::set<std::string> directives;
  for (const Json& directive : schema.at("directives")) {
    directives.insert(directive.at("name").get<std::string>());
    if (directive.at("name") == "skip") {
      CHECK(directive.at("locations") ==
            Json::parse(R"(["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"])"));
      CHECK(describe(directive.at("args").at(0).at("type")) == "NON_NULL(SCALAR Boolean)");
      CHECK(directive.at("isRepeatable") == false);
    }
    if (directive.at("name") == "deprecated") {
      CHECK(directive.at("args").at(0).at("defaultValue") == "\"No longer supported\"");
    }
  }
  CHECK(directives == std::set<std::string>{"include", "skip", "deprecated", "specifiedBy"});
}

TEST_CASE("the classic introspection query works too", "[graphql]") {
  const auto engine = api_engine();
  const Json body = run(*engine, testing::kClassicIntrospectionQuery);
  REQUIRE_FALSE(body.contains("errors"));
  CHECK(body.at("data").at("__schema").at("queryType").at("name") == "Query");
}

TEST_CASE("__type describes one type by name", "[graphql]") {
  const auto engine = api_engine();
  const Json body = run(*engine, R"({
      __type(name: "Order") { kind name fields { name type { kind name ofType { kind name } } } }
      missing: __type(name: "Nope") { name } })");
  REQUIRE_FALSE(body.contains("errors"));
  const Json& order = body.at("data").at("__type");
  CHECK(order.at("kind") == "OBJECT");
  CHECK(order.at("name") == "Order");
  std::vector<std::string> fields;
  for (const Json& field : order.at("fields")) fields.push_back(field.at("name"));
  CHECK(fields == std::vector<std::string>{"id", "userId", "symbol", "side", "type", "status",
                                           "quantity", "price", "stopPrice", "filledQuantity",
                                           "avgFillPrice", "createdAt", "updatedAt", "timeInForce",
                                           "rejectReason"});
  CHECK(
      order.at("fields").at(0).at("type") ==
      Json::parse(R"({"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"String"}})"));
  CHECK(order.at("fields").at(13).at("type") ==
        Json::parse(R"({"kind":"SCALAR","name":"String","ofType":null})"));
  CHECK(body.at("data").at("missing").is_null());
}

TEST_CASE("deprecated members show only when asked, interfaces and unions list types",
          "[graphql]") {
  testing::TestEngine engine;
  const Json body = engine.run(R"({
    pet: __type(name: "Pet") {
      active: fields { name }
      all: fields(includeDeprecated: true) { name isDeprecated deprecationReason }
      interfaces { name }
    }
    color: __type(name: "Color") {
      enumValues { name }
      all: enumValues(includeDeprecated: true) { name deprecationReason }
    }
    node: __type(name: "Node") { kind possibleTypes { name } }
    result: __type(name: "SearchResult") { kind possibleTypes { name } fields { name } }
    int64: __type(name: "Int64") { description ofType { name } fields { name } }
    __typename
    __schema { types { name } }
  })");
  REQUIRE_FALSE(body.contains("errors"));
  const Json& data = body.at("data");
  CHECK(data.at("pet").at("active").size() == 6);
  CHECK(data.at("pet").at("all").size() == 7);
  CHECK(data.at("pet").at("all").at(6) == Json::parse(R"({"name":"nickname",
      "isDeprecated":true,"deprecationReason":"No longer supported"})"));
  CHECK(data.at("pet").at("interfaces") == Json::parse(R"([{"name":"Node"}])"));
  CHECK(data.at("color").at("enumValues") == Json::parse(R"([{"name":"RED"},{"name":"GREEN"}])"));
  CHECK(data.at("color").at("all").at(2) ==
        Json::parse(R"({"name":"BLUE","deprecationReason":"too blue"})"));
  CHECK(data.at("node") ==
        Json::parse(R"({"kind":"INTERFACE","possibleTypes":[{"name":"Pet"},{"name":"Person"}]})"));
  CHECK(data.at("result") == Json::parse(R"({"kind":"UNION","possibleTypes":[{"name":"Pet"},
      {"name":"Person"}],"fields":null})"));
  CHECK(data.at("int64") ==
        Json::parse(R"({"description":"64-bit integers.","ofType":null,"fields":null})"));
  CHECK(data.at("__typename") == "Query");
}

}  // namespace
}  // namespace fafnir::graphql
