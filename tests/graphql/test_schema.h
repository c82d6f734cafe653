#pragma once

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/graphql/engine.h"

namespace fafnir::graphql::testing {

// A small schema exercising every kind of type, with resolvers that answer from fixed data.
inline constexpr std::string_view kTestSdl = R"graphql(
schema { query: Query, mutation: Mutation }

"64-bit integers."
scalar Int64
scalar JSON

enum Color { RED, GREEN, BLUE @deprecated(reason: "too blue") }

interface Node { id: ID! }

type Pet implements Node {
  id: ID!
  name: String!
  age: Int
  tags: [String!]
  color: Color
  owner: Person
  nickname: String @deprecated
}

type Person implements Node {
  id: ID!
  name: String!
  pets: [Pet!]!
  friends: [Person]
  greeting(punctuation: String = "!"): String!
}

union SearchResult = Pet | Person

input PetFilter { name: String, minAge: Int = 0, colors: [Color!] }

type Strict { required: String!, optional: String, list: [String!]!, items: [String] }

type Query {
  pet(id: ID!): Pet
  pets(filter: PetFilter, limit: Int = 10): [Pet!]!
  person(id: ID!): Person
  search(text: String!): [SearchResult!]!
  node(id: ID!): Node
  big: Int64!
  echo(text: String, number: Int, ratio: Float, flag: Boolean, color: Color, id: ID,
       list: [Int], filter: PetFilter, big: Int64, blob: JSON): JSON
  strict: Strict
  strictRequired: Strict!
  failing: String
  failingRequired: String!
  throwing: String
  partial: Strict
  value(of: JSON): JSON
  broken(kind: Int!): Strict
}

type Mutation {
  addPet(name: String!): Pet!
  increment: Int!
}
)graphql";

// Fixed data: pets "1" (Rex, 3, RED, owned by "p1") and "2" (Tom, no age, BLUE), person "p1"
// (Ann, friend null and herself).
inline nlohmann::json test_pet(const std::string& id) {
  if (id == "1") {
    return {{"id", "1"},          {"name", "Rex"},
            {"age", 3},           {"tags", {"good", "dog"}},
            {"color", "RED"},     {"owner", {{"id", "p1"}, {"name", "Ann"}}},
            {"__typename", "Pet"}};
  }
  if (id == "2") {
    return {{"id", "2"},       {"name", "Tom"},
            {"age", nullptr},  {"tags", nlohmann::json::array()},
            {"color", "BLUE"}, {"__typename", "Pet"}};
  }
  return nullptr;
}

inline nlohmann::json test_person() {
  return {
      {"id", "p1"},
      {"name", "Ann"},
      {"pets", {test_pet("1"), test_pet("2")}},
      {"friends", {nullptr, {{"id", "p1"}, {"name", "Ann"}, {"pets", nlohmann::json::array()}}}},
      {"__typename", "Person"}};
}

Resolvers test_resolvers(std::shared_ptr<std::atomic<int>> counter = nullptr);

// Executes queries against kTestSdl and answers parsed JSON.
class TestEngine {
 public:
  explicit TestEngine(EngineOptions options = {});

  Response raw(std::string_view query, nlohmann::json variables = nullptr,
               std::string_view operation_name = "") const;
  nlohmann::json run(std::string_view query, nlohmann::json variables = nullptr,
                     std::string_view operation_name = "") const;
  const GraphqlEngine& engine() const { return *engine_; }

 private:
  std::unique_ptr<GraphqlEngine> engine_;
};

}  // namespace fafnir::graphql::testing
