#include <catch2/catch.hpp>
#include <string_view>

#include "core/common/text.h"

namespace fafnir {
namespace {

TEST_CASE("utf8_sequence_length measures well-formed sequences and refuses the rest", "[text]") {
  using namespace std::string_view_literals;
  CHECK(utf8_sequence_length("\xC3\xA9"sv, 0) == 2);          // é
  CHECK(utf8_sequence_length("a\xE2\x82\xAC"sv, 1) == 3);     // €, not at the start
  CHECK(utf8_sequence_length("\xF0\x9F\x98\x80"sv, 0) == 4);  // U+1F600
  CHECK(utf8_sequence_length("\xF4\x8F\xBF\xBF"sv, 0) == 4);  // U+10FFFF, the last

  CHECK(utf8_sequence_length("a"sv, 0) == 0);                 // ASCII is no sequence
  CHECK(utf8_sequence_length("\xA9"sv, 0) == 0);              // continuation byte as lead
  CHECK(utf8_sequence_length("\xC0\xAF"sv, 0) == 0);          // overlong '/'
  CHECK(utf8_sequence_length("\xE0\x80\xAF"sv, 0) == 0);      // overlong '/'
  CHECK(utf8_sequence_length("\xED\xA0\x80"sv, 0) == 0);      // surrogate U+D800
  CHECK(utf8_sequence_length("\xF4\x90\x80\x80"sv, 0) == 0);  // U+110000
  CHECK(utf8_sequence_length("\xC3("sv, 0) == 0);             // bad continuation
  CHECK(utf8_sequence_length("\xE2\x82"sv, 0) == 0);          // cut short
  CHECK(utf8_sequence_length("\xFF"sv, 0) == 0);
}

}  // namespace
}  // namespace fafnir
