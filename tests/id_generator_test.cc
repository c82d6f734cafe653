#include "core/common/id_generator.h"

#include <catch2/catch.hpp>
#include <string>
#include <unordered_set>

namespace fafnir {
namespace {

TEST_CASE("random ids are lowercase version-4 UUIDs", "[ids]") {
  RandomIdGenerator ids;
  for (int i = 0; i < 100; ++i) {
    const std::string id = ids.next();
    REQUIRE(is_uuid(id));
    CHECK(id.find_first_of("ABCDEF") == std::string::npos);
    CHECK(id[14] == '4');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
  }
}

TEST_CASE("ten thousand random ids are all distinct", "[ids]") {
  RandomIdGenerator ids;
  std::unordered_set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) seen.insert(ids.next());
  CHECK(seen.size() == 10'000);
}

TEST_CASE("is_uuid accepts any version in either case and rejects the rest", "[ids]") {
  CHECK(is_uuid("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
  CHECK(is_uuid("1B4E28BA-2FA1-41D2-883F-0016D3CCA427"));
  CHECK(is_uuid("00000000-0000-0000-0000-000000000000"));
  CHECK_FALSE(is_uuid(""));
  CHECK_FALSE(is_uuid("1b4e28ba2fa141d2883f0016d3cca427"));
  CHECK_FALSE(is_uuid("1b4e28ba-2fa1-41d2-883f-0016d3cca42"));
  CHECK_FALSE(is_uuid("1b4e28ba-2fa1-41d2-883f-0016d3cca4270"));
  CHECK_FALSE(is_uuid("1b4e28ba-2fa1-41d2-883f-0016d3cca42g"));
  CHECK_FALSE(is_uuid("1b4e28ba+2fa1-41d2-883f-0016d3cca427"));
  CHECK_FALSE(is_uuid("{1b4e28ba-2fa1-41d2-883f-0016d3cca42}"));
}

}  // namespace
}  // namespace fafnir
