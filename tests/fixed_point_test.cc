#include "core/common/fixed_point.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <concepts>
#include <limits>
#include <string>
#include <type_traits>

namespace Catch {
template <typename Tag>
struct StringMaker<fafnir::FixedPoint<Tag>> {
  static std::string convert(const fafnir::FixedPoint<Tag>& value) { return value.format(); }
};
}  // namespace Catch

namespace fafnir {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

template <typename A, typename B>
concept Addable = requires(A a, B b) {
  a + b;
};

static_assert(Addable<Money, Money>);
static_assert(!Addable<Money, Price>);
static_assert(!Addable<Quantity, Price>);
static_assert(!Addable<Money, int64_t>);
static_assert(!std::is_convertible_v<Money, Price>);
static_assert(!std::is_constructible_v<Money, Price>);
static_assert(!std::is_convertible_v<int64_t, Money>);
static_assert(!std::equality_comparable_with<Money, Quantity>);
static_assert(!std::totally_ordered_with<Price, Quantity>);
static_assert(std::is_trivially_copyable_v<Money>);
static_assert(Money::from_micros(5) + Money::from_micros(3) == Money::from_micros(8));
static_assert(Money() == Money::zero());

int64_t parsed(std::string_view text) {
  Result<int64_t> result = parse_micros(text);
  INFO("input: '" << std::string(text) << "' -> " << result.status().to_string());
  REQUIRE(result.ok());
  return *result;
}

std::string parse_error(std::string_view text) {
  Result<int64_t> result = parse_micros(text);
  INFO("input: '" << std::string(text) << "'");
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == ErrorCode::kInvalidArgument);
  return result.status().message();
}

TEST_CASE("parse_micros reads signs, leading zeros and fractions exactly", "[money]") {
  CHECK(parsed("0") == 0);
  CHECK(parsed("1") == 1'000'000);
  CHECK(parsed("+1") == 1'000'000);
  CHECK(parsed("-1") == -1'000'000);
  CHECK(parsed("007.50") == 7'500'000);
  CHECK(parsed("-007.50") == -7'500'000);
  CHECK(parsed(".5") == 500'000);
  CHECK(parsed("-.5") == -500'000);
  CHECK(parsed("33.333333") == 33'333'333);
  CHECK(parsed("0.000001") == 1);
  CHECK(parsed("1000.00") == 1'000'000'000);
  CHECK(parsed("0000000000000000000000000000001") == 1'000'000);
}

TEST_CASE("parse_micros treats negative zero as zero", "[money]") {
  CHECK(parsed("-0") == 0);
  CHECK(parsed("-0.000000") == 0);
  CHECK(parsed("+0") == 0);
  CHECK(parsed("-0e5") == 0);
}

TEST_CASE("parse_micros rejects malformed text and names it", "[money]") {
  for (const char* text : {"",      " ",   " 1",   "1 ",  "\t1", "1\n",   ".",     "1.",  "-.",
                           "-",     "+",   "+-1",  "--1", "1e",  "1e+",   "e5",    ".e1", "1.e5",
                           "1.2.3", "1,5", "0x10", "abc", "1a",  "1e2.5", "1_000", "１"}) {
    std::string message = parse_error(text);
    CHECK(message.find("'" + std::string(text) + "'") != std::string::npos);
  }
  CHECK(parse_error("12x") == "'12x' is not a decimal number");
  CHECK(parse_micros(std::string_view("1\0", 2)).status().code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("parse_micros rejects nan and infinity in any case", "[money]") {
  for (const char* text : {"nan", "NaN", "NAN", "-nan", "+nan", "inf", "INF", "-inf", "+Inf",
                           "infinity", "Infinity", "-INFINITY"}) {
    CHECK(parse_error(text) == "'" + std::string(text) + "' is not a finite number");
  }
}

TEST_CASE("parse_micros rejects more than six decimal places", "[money]") {
  CHECK(parse_error("1.1234567") == "'1.1234567' has more than 6 decimal places");
  CHECK(parse_error("0.0000001") == "'0.0000001' has more than 6 decimal places");
  CHECK(parse_error("-0.0000001") == "'-0.0000001' has more than 6 decimal places");
  CHECK(parse_error("1e-7") == "'1e-7' has more than 6 decimal places");
  CHECK(parse_error("1.5E-6") == "'1.5E-6' has more than 6 decimal places");
  CHECK(parse_error("1e-99999999999999999999999") ==
        "'1e-99999999999999999999999' has more than 6 decimal places");
}

TEST_CASE("parse_micros accepts trailing zeros beyond six decimal places", "[money]") {
  CHECK(parsed("1.1000000") == 1'100'000);
  CHECK(parsed("0.0000000") == 0);
  CHECK(parsed("1.123456000000000000") == 1'123'456);
  CHECK(parsed("10e-7") == 1);
}

TEST_CASE("parse_micros accepts exponent forms with an exact result", "[money]") {
  CHECK(parsed("1e2") == 100'000'000);
  CHECK(parsed("1E+2") == 100'000'000);
  CHECK(parsed("1.5E-3") == 1'500);
  CHECK(parsed("-2.5e1") == -25'000'000);
  CHECK(parsed(".5e1") == 5'000'000);
  CHECK(parsed("123456e-6") == 123'456);
  CHECK(parsed("1e-06") == 1);
  CHECK(parsed("1e+00") == 1'000'000);
  CHECK(parsed("1e12") == 1'000'000'000'000'000'000);
  CHECK(parsed("0e99999999999999999999999") == 0);
  CHECK(parsed("9223372036854775807e-6") == kMax);
  CHECK(parsed("-9223372036854775808e-6") == kMin);
}

TEST_CASE("parse_micros accepts the int64 limits and rejects beyond them", "[money]") {
  CHECK(parsed("9223372036854.775807") == kMax);
  CHECK(parsed("-9223372036854.775808") == kMin);
  CHECK(parsed("+9223372036854.775807") == kMax);
  CHECK(parsed("09223372036854.7758070") == kMax);
  std::string message = parse_error("9223372036854.775808");
  CHECK(message.rfind("'9223372036854.775808' is out of range", 0) == 0);
  for (const char* text :
       {"-9223372036854.775809", "9999999999999", "10000000000000", "1e13", "-1e13", "1e19",
        "99999999999999999999999999999", "1e99999999999999999999999"}) {
    CHECK(parse_error(text).find("out of range") != std::string::npos);
  }
}

TEST_CASE("parse_micros truncates very long inputs in its message", "[money]") {
  std::string text(1000, '9');
  std::string message = parse_error(text);
  CHECK(message.size() < 200);
  CHECK(message.find("...'") != std::string::npos);
}

TEST_CASE("from_double uses the shortest decimal form of the double", "[money]") {
  CHECK(Money::from_double(0.1)->micros() == 100'000);
  CHECK(Money::from_double(33.33)->micros() == 33'330'000);
  CHECK(Money::from_double(-33.33)->micros() == -33'330'000);
  CHECK(Money::from_double(1e-6)->micros() == 1);
  CHECK(Money::from_double(123456.789)->micros() == 123'456'789'000);
  CHECK(Money::from_double(1e12)->micros() == 1'000'000'000'000'000'000);
  CHECK(Money::from_double(-0.0)->is_zero());
  CHECK(Money::from_double(0.0)->is_zero());
}

TEST_CASE("from_double rejects non-finite, too precise and too large values", "[money]") {
  for (double value : {std::nan(""), std::numeric_limits<double>::infinity(),
                       -std::numeric_limits<double>::infinity(), 1e-7, 0.1 + 0.2, 1e300, -1e300,
                       std::numeric_limits<double>::denorm_min()}) {
    INFO("value: " << value);
    Result<Money> result = Money::from_double(value);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == ErrorCode::kInvalidArgument);
  }
  CHECK(micros_from_double(std::nan("")).status().message() == "NaN is not a finite number");
  CHECK(micros_from_double(-std::numeric_limits<double>::infinity()).status().message() ==
        "-infinity is not a finite number");
}

TEST_CASE("format prints the exact value with between min and six decimals", "[money]") {
  CHECK(Money::from_micros(1'000'000'000).format() == "1000.00");
  CHECK(Money::from_micros(100'000).format() == "0.10");
  CHECK(Money::from_micros(33'333'333).format() == "33.333333");
  CHECK(Money::from_micros(-500'000).format() == "-0.50");
  CHECK(Money::from_micros(-1).format() == "-0.000001");
  CHECK(Money::from_micros(1'234'500).format() == "1.2345");
  CHECK(Money().format() == "0.00");
  CHECK(Money::from_micros(kMax).format() == "9223372036854.775807");
  CHECK(Money::from_micros(kMin).format() == "-9223372036854.775808");
  CHECK(Quantity::from_micros(1'000'000'000).format(0) == "1000");
  CHECK(Quantity::from_micros(100'000).format(0) == "0.1");
  CHECK(Price::from_micros(1'000'000).format(6) == "1.000000");
  CHECK(Price::from_micros(1'000'000).format(-3) == "1");
  CHECK(Price::from_micros(1'000'000).format(9) == "1.000000");
}

TEST_CASE("format and parse round-trip", "[money]") {
  for (int64_t micros : {kMin, kMin + 1, int64_t{-1}, int64_t{0}, int64_t{1}, int64_t{999'999},
                         int64_t{1'000'000}, int64_t{-123'456'789}, kMax - 1, kMax}) {
    for (int min_decimals = 0; min_decimals <= 6; ++min_decimals) {
      CHECK(Money::parse(Money::from_micros(micros).format(min_decimals))->micros() == micros);
    }
  }
}

TEST_CASE("to_double gives the nearest double for JSON output", "[money]") {
  CHECK(Money::from_micros(100'000).to_double() == 0.1);
  CHECK(Money::from_micros(33'330'000).to_double() == 33.33);
  CHECK(Money::from_micros(-500'000).to_double() == -0.5);
  CHECK(Money().to_double() == 0.0);
}

TEST_CASE("arithmetic and comparisons work within one type", "[money]") {
  Money a = Money::from_micros(1'500'000);
  Money b = Money::from_micros(250'000);
  CHECK(a + b == Money::from_micros(1'750'000));
  CHECK(a - b == Money::from_micros(1'250'000));
  CHECK(b - a == Money::from_micros(-1'250'000));
  CHECK(-a == Money::from_micros(-1'500'000));
  CHECK(b < a);
  CHECK(a >= b);
  CHECK(a != b);
  Money total;
  total += a;
  total -= b;
  CHECK(total == Money::from_micros(1'250'000));
  CHECK(a.is_positive());
  CHECK((-a).is_negative());
  CHECK(Money::zero().is_zero());
  CHECK_FALSE(Money::zero().is_positive());
  CHECK_FALSE(Money::zero().is_negative());
}

TEST_CASE("checked_add and checked_sub report int64 overflow", "[money]") {
  Money max = Money::from_micros(kMax);
  Money min = Money::from_micros(kMin);
  Money one = Money::from_micros(1);
  CHECK(max.checked_sub(one)->micros() == kMax - 1);
  CHECK(min.checked_add(one)->micros() == kMin + 1);
  CHECK(max.checked_add(min)->micros() == -1);
  Result<Money> overflow = max.checked_add(one);
  REQUIRE_FALSE(overflow.ok());
  CHECK(overflow.status().code() == ErrorCode::kInvalidArgument);
  CHECK(overflow.status().message() == "9223372036854.775807 + 0.000001 overflows");
  CHECK_FALSE(min.checked_sub(one).ok());
  CHECK_FALSE(Money::zero().checked_sub(min).ok());
  CHECK_FALSE(min.checked_add(-one).ok());
}

TEST_CASE("notional is exact when the product has at most six decimals", "[money]") {
  CHECK(notional(Price::from_micros(100'000), Quantity::from_micros(33'330'000)) ==
        Money::from_micros(3'333'000));
  CHECK(notional(*Price::parse("0.333333"), *Quantity::parse("3")) == *Money::parse("0.999999"));
  CHECK(notional(*Price::parse("150.25"), *Quantity::parse("-10")) == *Money::parse("-1502.5"));
  CHECK(notional(Price::zero(), *Quantity::parse("1000")).is_zero());
}

TEST_CASE("notional rounds half away from zero to the micro", "[money]") {
  auto n = [](const char* price, const char* quantity) {
    return notional(*Price::parse(price), *Quantity::parse(quantity)).micros();
  };
  CHECK(n("0.333333", "0.5") == 166'667);
  CHECK(n("-0.333333", "0.5") == -166'667);
  CHECK(n("0.333333", "-0.5") == -166'667);
  CHECK(n("-0.333333", "-0.5") == 166'667);
  CHECK(n("0.000001", "0.5") == 1);
  CHECK(n("-0.000001", "0.5") == -1);
  CHECK(n("0.000001", "0.499999") == 0);
  CHECK(n("-0.000001", "0.499999") == 0);
  CHECK(n("0.000001", "0.500001") == 1);
  CHECK(n("0.333333", "0.333333") == 111'111);
}

TEST_CASE("checked_notional reports results that do not fit int64", "[money]") {
  CHECK(checked_notional(Price::from_micros(kMax), *Quantity::parse("1"))->micros() == kMax);
  CHECK(checked_notional(Price::from_micros(kMin), *Quantity::parse("1"))->micros() == kMin);
  CHECK(checked_notional(Price::from_micros(kMin), Quantity::from_micros(kMin)).status().code() ==
        ErrorCode::kInvalidArgument);
  Result<Money> overflow = checked_notional(*Price::parse("10000000"), *Quantity::parse("1000000"));
  REQUIRE_FALSE(overflow.ok());
  CHECK(overflow.status().code() == ErrorCode::kInvalidArgument);
  CHECK(overflow.status().message() ==
        "notional of price 10000000.00 and quantity 1000000.00 overflows");
  CHECK_FALSE(checked_notional(Price::from_micros(kMax), *Quantity::parse("-1.000001")).ok());
}

TEST_CASE("convert multiplies by a decimal rate with half-away rounding", "[money]") {
  CHECK(convert(*Money::parse("100"), *Price::parse("1.0825")) == *Money::parse("108.25"));
  CHECK(convert(*Money::parse("0.01"), *Price::parse("0.333333")).micros() == 3'333);
  CHECK(convert(*Money::parse("0.000001"), *Price::parse("0.5")).micros() == 1);
  CHECK(convert(*Money::parse("-0.000001"), *Price::parse("0.5")).micros() == -1);
  CHECK(checked_convert(*Money::parse("2"), *Price::parse("0.5"))->micros() == 1'000'000);
  Result<Money> overflow = checked_convert(Money::from_micros(kMax), *Price::parse("2"));
  REQUIRE_FALSE(overflow.ok());
  CHECK(overflow.status().code() == ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace fafnir
