#include "tests/graphql/test_schema.h"

#include <stdexcept>

namespace fafnir::graphql::testing {

using Json = nlohmann::json;

Resolvers test_resolvers(std::shared_ptr<std::atomic<int>> counter) {
  if (counter == nullptr) counter = std::make_shared<std::atomic<int>>(0);
  Resolvers resolvers;
  resolvers.query["pet"] = [](const ResolveContext&, const Json& args) {
    return test_pet(args.at("id").get<std::string>());
  };
  resolvers.query["pets"] = [](const ResolveContext&, const Json& args) {
    Json pets = Json::array({test_pet("1"), test_pet("2")});
    Json out = Json::array();
    const int limit = args.at("limit").get<int>();
    for (const Json& pet : pets) {
      if (static_cast<int>(out.size()) >= limit) break;
      const Json& filter = args.contains("filter") ? args.at("filter") : Json();
      if (filter.is_object() && filter.contains("name") && !filter.at("name").is_null() &&
          filter.at("name") != pet.at("name")) {
        continue;
      }
      out.push_back(pet);
    }
    return out;
  };
  resolvers.query["person"] = [](const ResolveContext&, const Json& args) -> FieldResult {
    if (args.at("id") != "p1") return Status::NotFound("no person " + args.at("id").dump());
    return test_person();
  };
  resolvers.query["search"] = [](const ResolveContext&, const Json&) {
    return Json::array({test_pet("1"), test_person()});
  };
  resolvers.query["node"] = [](const ResolveContext&, const Json& args) {
    return args.at("id") == "p1" ? test_person() : test_pet(args.at("id").get<std::string>());
  };
  resolvers.query["big"] = [](const ResolveContext&, const Json&) {
    return Json(std::int64_t{9007199254740993});
  };
  resolvers.query["echo"] = [](const ResolveContext&, const Json& args) { return args; };
  resolvers.query["value"] = [](const ResolveContext&, const Json& args) {
    return args.value("of", Json());
  };
  resolvers.query["strict"] = [](const ResolveContext&, const Json&) {
    return Json{{"required", nullptr}, {"optional", "here"}, {"list", {"a"}}, {"items", {"x"}}};
  };
  resolvers.query["strictRequired"] = [](const ResolveContext&, const Json&) {
    return Json{{"required", nullptr}, {"optional", "here"}, {"list", {"a"}}};
  };
  resolvers.query["failing"] = [](const ResolveContext&, const Json&) {
    return FieldResult(FieldError{"it failed", "NOT_FOUND"});
  };
  resolvers.query["failingRequired"] = [](const ResolveContext&, const Json&) {
    return FieldResult(Status::PermissionDenied("not allowed"));
  };
  resolvers.query["throwing"] = [](const ResolveContext&, const Json&) -> FieldResult {
    throw std::runtime_error("boom");
  };
  resolvers.query["partial"] = [](const ResolveContext&, const Json&) {
    return FieldResult::WithError(
        Json{{"required", "FAILED_PRECONDITION"}, {"list", Json::array()}},
        FieldError{"the operation failed", "FAILED_PRECONDITION"});
  };
  resolvers.query["broken"] = [](const ResolveContext&, const Json& args) {
    switch (args.at("kind").get<int>()) {
      case 1:
        return Json{{"required", "r"}, {"list", "not a list"}};
      case 2:
        return Json{{"required", "r"}, {"list", {"a", nullptr}}};
      case 3:
        return Json{{"required", "r"},
                    {"list", Json::array()},
                    {"items", Json::array({nullptr, 5, Json::object()})}};
      default:
        return Json("not an object");
    }
  };
  resolvers.mutation["addPet"] = [](const ResolveContext&, const Json& args) {
    return Json{{"id", "3"}, {"name", args.at("name")}, {"__typename", "Pet"}};
  };
  resolvers.mutation["increment"] = [counter](const ResolveContext&, const Json&) {
    return Json(++*counter);
  };
  resolvers.fields["Person.greeting"] = [](const ResolveContext&, const Json& parent,
                                           const Json& args) {
    return Json("Hello, " + parent.at("name").get<std::string>() +
                args.at("punctuation").get<std::string>());
  };
  return resolvers;
}

TestEngine::TestEngine(EngineOptions options) {
  auto engine = GraphqlEngine::create(kTestSdl, test_resolvers(), options);
  if (!engine.ok()) throw std::runtime_error(engine.status().to_string());
  engine_ = std::move(engine).value();
}

Response TestEngine::raw(std::string_view query, Json variables,
                         std::string_view operation_name) const {
  Request request;
  request.query = query;
  request.variables = std::move(variables);
  request.operation_name = operation_name;
  return engine_->execute(request);
}

Json TestEngine::run(std::string_view query, Json variables,
                     std::string_view operation_name) const {
  return Json::parse(raw(query, std::move(variables), operation_name).body);
}

}  // namespace fafnir::graphql::testing
