#include "core/common/json_writer.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

namespace fafnir {
namespace {

std::string number(double value) {
  std::string out;
  append_json_double(value, &out);
  return out;
}

std::string string(std::string_view text) {
  std::string out;
  append_json_string(text, &out);
  return out;
}

TEST_CASE("doubles are written like JavaScript numbers, shortest and exact", "[json]") {
  CHECK(number(0) == "0");
  CHECK(number(-0.0) == "-0");
  CHECK(number(185) == "185");
  CHECK(number(187.25) == "187.25");
  CHECK(number(0.1) == "0.1");
  CHECK(number(-0.000001) == "-0.000001");
  CHECK(number(1e-7) == "1e-7");
  CHECK(number(2.9e12) == "2900000000000");
  CHECK(number(1e21) == "1e+21");
  CHECK(number(123456789012345680000.0) == "123456789012345680000");
  CHECK(number(1.5e300) == "1.5e+300");
  CHECK(number(0.402145) == "0.402145");
  for (double value : {0.1 + 0.2, 1.0 / 3, 6.02214076e23, 5e-324, 1.7976931348623157e308}) {
    CHECK(std::strtod(number(value).c_str(), nullptr) == value);
  }
}

TEST_CASE("strings are escaped and always valid UTF-8", "[json]") {
  CHECK(string("plain") == "\"plain\"");
  CHECK(string("q\"b\\n\n\t\x01") == "\"q\\\"b\\\\n\\n\\t\\u0001\"");
  CHECK(string("caf\xC3\xA9 \xF0\x9F\x98\x80") == "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
  CHECK(string("bad \xFF end") == "\"bad \xEF\xBF\xBD end\"");
  CHECK(string("cut \xC3") == "\"cut \xEF\xBF\xBD\"");
  CHECK(string("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
}

TEST_CASE("any JSON value", "[json]") {
  std::string out;
  append_json(nlohmann::json::parse(R"({"a":[1,-2,3.5,true,null,"x"],"b":{}})"), &out);
  CHECK(out == R"({"a":[1,-2,3.5,true,null,"x"],"b":{}})");
  out.clear();
  append_json(std::numeric_limits<double>::quiet_NaN(), &out);
  CHECK(out == "null");
  out.clear();
  append_json(nlohmann::json(std::uint64_t{18446744073709551615u}), &out);
  CHECK(out == "18446744073709551615");
}

}  // namespace
}  // namespace fafnir
