#include "core/auth/lru_map.h"

#include <catch2/catch.hpp>
#include <string>

namespace fafnir {
namespace {

TEST_CASE("an LRU map drops the least recently used entry when full", "[auth]") {
  LruMap<int> map(2);
  map.put("a", 1);
  map.put("b", 2);
  REQUIRE(map.find("a") != nullptr);  // "b" is now the least recently used
  map.put("c", 3);
  CHECK(map.size() == 2);
  CHECK(map.find("b") == nullptr);
  CHECK(*map.find("a") == 1);
  CHECK(*map.find("c") == 3);

  map.put("a", 10);  // replacing makes no room
  CHECK(map.size() == 2);
  CHECK(*map.find("a") == 10);
}

TEST_CASE("an LRU map erases by key and by value", "[auth]") {
  LruMap<std::string> map(10);
  map.put("t1", "ada");
  map.put("t2", "bob");
  map.put("t3", "ada");
  map.erase("t2");
  map.erase("missing");
  CHECK(map.find("t2") == nullptr);
  map.erase_if([](const std::string& user) { return user == "ada"; });
  CHECK(map.size() == 0);
  map.put("t4", "bob");
  CHECK(*map.find("t4") == "bob");
}

TEST_CASE("an LRU map of capacity 0 holds nothing", "[auth]") {
  LruMap<int> map(0);
  map.put("a", 1);
  CHECK(map.size() == 0);
  CHECK(map.find("a") == nullptr);
}

}  // namespace
}  // namespace fafnir
