#include <catch2/catch.hpp>
#include <mutex>
#include <string>

#include "server/graphql/api_schema.h"
#include "server/graphql/engine.h"

namespace fafnir::graphql {
namespace {

using Json = nlohmann::json;

Json quote_json(const std::string& symbol) {
  return {{"symbol", symbol},
          {"currency", "USD"},
          {"price", 187.25},
          {"open", 185.0},
          {"previousClose", 186.5},
          {"priceChange", 0.75},
          {"priceChangePercent", 0.402145},
          {"volume", std::int64_t{12345678901}},
          {"marketCap", 2.9e12},
          {"dayLow", 184.1},
          {"dayHigh", 188},
          {"yearHigh", 199.62},
          {"yearLow", 124.17},
          {"source", "simulated"},
          {"asOf", "2026-01-05T15:00:00Z"},
          {"marketState", "REGULAR"}};
}

Json order_json(const Json& request) {
  return {{"id", "o-1"},
          {"userId", "u-1"},
          {"symbol", request.at("symbol")},
          {"side", "BUY"},
          {"type", request.at("type")},
          {"status", "PENDING"},
          {"quantity", request.at("quantity")},
          {"price", request.value("price", 0.0)},
          {"stopPrice", 0},
          {"filledQuantity", 0},
          {"avgFillPrice", 0},
          {"createdAt", "2026-01-05T15:00:00Z"},
          {"updatedAt", "2026-01-05T15:00:00Z"},
          {"timeInForce", request.value("timeInForce", "GTC")}};
}

// Fake resolvers shaped like the server's: failures answer the response object with a non-OK
// code and null data, plus an error saying why.
class FakeApi {
 public:
  FakeApi() {
    Resolvers resolvers;
    resolvers.query["health"] = [](const ResolveContext&, const Json&) { return Json("ok"); };
    resolvers.query["getStockQuote"] = [](const ResolveContext&, const Json& args) {
      const std::string symbol = args.at("symbol");
      if (symbol == "NOPE") {
        return FieldResult::WithError({{"code", "NOT_FOUND"}, {"data", nullptr}},
                                      {"unknown symbol 'NOPE'", "NOT_FOUND"});
      }
      return FieldResult(Json{{"code", "OK"}, {"data", quote_json(symbol)}});
    };
    resolvers.query["getStockQuoteBatch"] = [](const ResolveContext&, const Json& args) {
      Json data = Json::array();
      for (const Json& symbol : args.at("symbols")) {
        data.push_back(symbol == "NOPE" ? Json() : quote_json(symbol));
      }
      return Json{{"code", "OK"}, {"data", data}};
    };
    resolvers.query["getOrders"] = [this](const ResolveContext& context, const Json&) {
      if (context.get<std::string>() == nullptr) {
        return FieldResult(Status::Unauthenticated("login required"));
      }
      std::lock_guard<std::mutex> lock(mutex_);
      return FieldResult(Json{{"code", "OK"}, {"count", orders_.size()}, {"data", orders_}});
    };
    resolvers.mutation["createOrder"] = [this](const ResolveContext&, const Json& args) {
      std::lock_guard<std::mutex> lock(mutex_);
      last_request_ = args.at("request");
      orders_.push_back(order_json(last_request_));
      return Json{{"code", "OK"}, {"data", orders_.back()}};
    };
    auto engine = GraphqlEngine::create(api_schema_sdl(), std::move(resolvers));
    REQUIRE(engine.ok());
    engine_ = std::move(engine).value();
  }

  Response execute(std::string_view query, Json variables = nullptr, std::any context = {}) {
    Request request;
    request.query = query;
    request.variables = std::move(variables);
    request.context = std::move(context);
    return engine_->execute(request);
  }
  Json run(std::string_view query, Json variables = nullptr, std::any context = {}) {
    return Json::parse(execute(query, std::move(variables), std::move(context)).body);
  }
  Json last_request() {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_request_;
  }

 private:
  std::unique_ptr<GraphqlEngine> engine_;
  std::mutex mutex_;
  Json orders_ = Json::array();
  Json last_request_;
};

constexpr std::string_view kQuoteQuery = R"(
  query GetStockQuote($symbol: String!) {
    getStockQuote(symbol: $symbol) {
      code
      data {
        symbol currency price open previousClose priceChange priceChangePercent volume
        marketCap dayLow dayHigh yearHigh yearLow source asOf marketState
      }
    }
  })";

TEST_CASE("API: a quote with all 16 fields, Int64 volume, floats as numbers", "[graphql]") {
  FakeApi api;
  const Response response = api.execute(kQuoteQuery, {{"symbol", "AAPL"}});
  CHECK(response.outcome == Outcome::kOk);
  CHECK(response.body ==
        R"({"data":{"getStockQuote":{"code":"OK","data":{"symbol":"AAPL","currency":"USD",)"
        R"("price":187.25,"open":185,"previousClose":186.5,"priceChange":0.75,)"
        R"("priceChangePercent":0.402145,"volume":12345678901,"marketCap":2900000000000,)"
        R"("dayLow":184.1,"dayHigh":188,"yearHigh":199.62,"yearLow":124.17,)"
        R"("source":"simulated","asOf":"2026-01-05T15:00:00Z","marketState":"REGULAR"}}}})");
}

TEST_CASE("API: a failed operation answers its code, null data and an error", "[graphql]") {
  FakeApi api;
  const Response response =
      api.execute("{ health missing: getStockQuote(symbol: \"NOPE\") { code data { price } } }");
  CHECK(response.outcome == Outcome::kOk);
  const Json body = Json::parse(response.body);
  CHECK(body.at("data") ==
        Json::parse(R"({"health":"ok","missing":{"code":"NOT_FOUND","data":null}})"));
  CHECK(body.at("errors") == Json::parse(R"([{"message":"unknown symbol 'NOPE'",
      "locations":[{"line":1,"column":10}],"path":["missing"],
      "extensions":{"code":"NOT_FOUND"}}])"));
}

TEST_CASE("API: lists with null items where the schema allows them", "[graphql]") {
  FakeApi api;
  const Json body = api.run(R"({ getStockQuoteBatch(symbols: ["AAPL", "NOPE"]) {
                                   code data { symbol price } } })");
  CHECK(body == Json::parse(R"({"data":{"getStockQuoteBatch":{"code":"OK",
      "data":[{"symbol":"AAPL","price":187.25},null]}}})"));
  // A single value where a list is expected is a list of one.
  CHECK(api.run("{ getStockQuoteBatch(symbols: \"MSFT\") { data { symbol } } }") ==
        Json::parse(R"({"data":{"getStockQuoteBatch":{"data":[{"symbol":"MSFT"}]}}})"));
}

TEST_CASE("API: createOrder takes its input object through a variable", "[graphql]") {
  FakeApi api;
  const std::string mutation = R"(
    mutation CreateOrder($request: CreateOrderRequest!) {
      createOrder(request: $request) {
        code
        data { id symbol side type status quantity price timeInForce rejectReason }
      }
    })";
  const Json body = api.run(mutation, {{"request",
                                        {{"symbol", "AAPL"},
                                         {"side", "buy"},
                                         {"type", "LIMIT"},
                                         {"quantity", 10},
                                         {"price", 187.5}}}});
  CHECK(body == Json::parse(R"({"data":{"createOrder":{"code":"OK","data":{"id":"o-1",
      "symbol":"AAPL","side":"BUY","type":"LIMIT","status":"PENDING","quantity":10,
      "price":187.5,"timeInForce":"GTC","rejectReason":null}}}})"));
  // The resolver sees coerced values: a Float is a JSON double; absent optionals stay absent.
  const Json request = api.last_request();
  CHECK(request == Json::parse(R"({"symbol":"AAPL","side":"buy","type":"LIMIT",
                                   "quantity":10.0,"price":187.5})"));
  CHECK(request.at("quantity").is_number_float());

  const Response wrong = api.execute(
      mutation, {{"request",
                  {{"symbol", "AAPL"}, {"side", "BUY"}, {"type", "MARKET"}, {"quantity", "ten"}}}});
  CHECK(wrong.outcome == Outcome::kRequestError);
  CHECK(Json::parse(wrong.body).at("errors").at(0).at("message") ==
        "Variable \"$request\" got invalid value \"ten\" at \"request.quantity\"; Float cannot "
        "represent non numeric value: \"ten\"");
  const Response missing = api.execute(mutation, {{"request", {{"symbol", "AAPL"}}}});
  CHECK(missing.outcome == Outcome::kRequestError);
  CHECK(Json::parse(missing.body).at("errors").size() == 3);  // side, type, quantity
}

TEST_CASE("API: the request context reaches resolvers", "[graphql]") {
  FakeApi api;
  const Json anonymous = api.run("{ getOrders { code count } }");
  CHECK(anonymous.at("data").is_null());  // getOrders is non-null: the error nulls data
  CHECK(anonymous.at("errors").at(0).at("extensions").at("code") == "UNAUTHENTICATED");
  CHECK(anonymous.at("errors").at(0).at("message") == "login required");
  const Json signed_in =
      api.run("{ getOrders { code count data { id } } }", nullptr, std::string("u-1"));
  CHECK(signed_in == Json::parse(R"({"data":{"getOrders":{"code":"OK","count":0,"data":[]}}})"));
}

}  // namespace
}  // namespace fafnir::graphql
