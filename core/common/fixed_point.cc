#include "core/common/fixed_point.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace fafnir {
namespace {

__extension__ typedef __int128 Int128;

constexpr size_t kMaxQuotedLength = 64;
// Exponents are clamped here while parsing; any exponent this large fails either way.
constexpr int64_t kExponentClamp = 1'000'000'000'000'000;
// 10^19 exceeds every int64, so a magnitude with more digits than this cannot fit.
constexpr int64_t kMaxMagnitudeDigits = 19;
constexpr uint64_t kUnsignedMicrosPerUnit = static_cast<uint64_t>(kMicrosPerUnit);

std::string quoted(std::string_view text) {
  if (text.size() > kMaxQuotedLength) {
    return "'" + std::string(text.substr(0, kMaxQuotedLength)) + "...'";
  }
  return "'" + std::string(text) + "'";
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
         });
}

Status malformed(std::string_view text) {
  std::string_view unsigned_text = text;
  if (!unsigned_text.empty() && (unsigned_text[0] == '+' || unsigned_text[0] == '-')) {
    unsigned_text.remove_prefix(1);
  }
  if (equals_ignoring_case(unsigned_text, "nan") || equals_ignoring_case(unsigned_text, "inf") ||
      equals_ignoring_case(unsigned_text, "infinity")) {
    return Status::InvalidArgument(quoted(text) + " is not a finite number");
  }
  return Status::InvalidArgument(quoted(text) + " is not a decimal number");
}

Status out_of_range(std::string_view text) {
  return Status::InvalidArgument(quoted(text) +
                                 " is out of range (the limits are -9223372036854.775808 and "
                                 "9223372036854.775807)");
}

// numerator / denominator rounded half away from zero. REQUIRES: denominator > 0.
template <typename Int>
Int divide_rounded(Int numerator, Int denominator) {
  Int quotient = numerator / denominator;
  Int twice_remainder = (numerator % denominator) * 2;
  if (twice_remainder >= denominator) ++quotient;
  if (twice_remainder <= -denominator) --quotient;
  return quotient;
}

// a * b micro-units, rounded half away from zero to the micro; never overflows. Products that fit
// 64 bits (nearly all) avoid the slow 128-bit division.
Int128 multiply_rounded(int64_t a, int64_t b) {
  int64_t product = 0;
  if (!__builtin_mul_overflow(a, b, &product)) return divide_rounded(product, kMicrosPerUnit);
  return divide_rounded(static_cast<Int128>(a) * b, static_cast<Int128>(kMicrosPerUnit));
}

bool fits_int64(Int128 value) {
  return value >= std::numeric_limits<int64_t>::min() &&
         value <= std::numeric_limits<int64_t>::max();
}

}  // namespace

Result<int64_t> parse_micros(std::string_view text) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }

  std::string digits;
  while (pos < text.size() && is_digit(text[pos])) digits += text[pos++];
  int64_t fraction_digits = 0;
  if (pos < text.size() && text[pos] == '.') {
    size_t fraction_start = ++pos;
    while (pos < text.size() && is_digit(text[pos])) digits += text[pos++];
    fraction_digits = static_cast<int64_t>(pos - fraction_start);
    if (fraction_digits == 0) return malformed(text);
  }
  if (digits.empty()) return malformed(text);

  int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool negative_exponent = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      negative_exponent = text[pos] == '-';
      ++pos;
    }
    size_t exponent_start = pos;
    for (; pos < text.size() && is_digit(text[pos]); ++pos) {
      exponent = std::min(exponent * 10 + (text[pos] - '0'), kExponentClamp);
    }
    if (pos == exponent_start) return malformed(text);
    if (negative_exponent) exponent = -exponent;
  }
  if (pos != text.size()) return malformed(text);

  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return int64_t{0};
  size_t last = digits.find_last_not_of('0');
  std::string_view significant = std::string_view(digits).substr(first, last - first + 1);
  int64_t trailing_zeros = static_cast<int64_t>(digits.size() - 1 - last);

  // The value is `significant` * 10^scale micro-units.
  int64_t scale = exponent - fraction_digits + trailing_zeros + kFixedPointDecimals;
  if (scale < 0) {
    return Status::InvalidArgument(quoted(text) + " has more than " +
                                   std::to_string(kFixedPointDecimals) + " decimal places");
  }
  if (static_cast<int64_t>(significant.size()) + scale > kMaxMagnitudeDigits) {
    return out_of_range(text);
  }

  uint64_t magnitude = 0;
  for (char c : significant) magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');
  for (int64_t i = 0; i < scale; ++i) magnitude *= 10;
  uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
  if (magnitude > limit) return out_of_range(text);
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

Result<int64_t> micros_from_double(double value) {
  if (std::isnan(value)) return Status::InvalidArgument("NaN is not a finite number");
  if (std::isinf(value)) {
    return Status::InvalidArgument(std::string(value < 0 ? "-" : "") +
                                   "infinity is not a finite number");
  }
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  if (error != std::errc()) return Status::Internal("cannot format a double for parsing");
  return parse_micros(std::string_view(buffer, static_cast<size_t>(end - buffer)));
}

std::string format_micros(int64_t micros, int min_decimals) {
  min_decimals = std::clamp(min_decimals, 0, kFixedPointDecimals);
  uint64_t magnitude = static_cast<uint64_t>(micros);
  if (micros < 0) magnitude = 0 - magnitude;
  uint64_t fraction = magnitude % kUnsignedMicrosPerUnit;

  char decimals[kFixedPointDecimals];
  for (int i = kFixedPointDecimals - 1; i >= 0; --i) {
    decimals[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  int kept = kFixedPointDecimals;
  while (kept > min_decimals && decimals[kept - 1] == '0') --kept;

  std::string out = micros < 0 ? "-" : "";
  out += std::to_string(magnitude / kUnsignedMicrosPerUnit);
  if (kept > 0) {
    out += '.';
    out.append(decimals, static_cast<size_t>(kept));
  }
  return out;
}

Money notional(Price price, Quantity quantity) {
  return Money::from_micros(
      static_cast<int64_t>(multiply_rounded(price.micros(), quantity.micros())));
}

Result<Money> checked_notional(Price price, Quantity quantity) {
  Int128 micros = multiply_rounded(price.micros(), quantity.micros());
  if (!fits_int64(micros)) {
    return Status::InvalidArgument("notional of price " + price.format() + " and quantity " +
                                   quantity.format() + " overflows");
  }
  return Money::from_micros(static_cast<int64_t>(micros));
}

Money convert(Money amount, Price rate) {
  return Money::from_micros(static_cast<int64_t>(multiply_rounded(amount.micros(), rate.micros())));
}

Result<Money> checked_convert(Money amount, Price rate) {
  Int128 micros = multiply_rounded(amount.micros(), rate.micros());
  if (!fits_int64(micros)) {
    return Status::InvalidArgument("converting " + amount.format() + " at rate " + rate.format() +
                                   " overflows");
  }
  return Money::from_micros(static_cast<int64_t>(micros));
}

Price convert(Price price, Price rate) {
  return Price::from_micros(static_cast<int64_t>(multiply_rounded(price.micros(), rate.micros())));
}

Price unit_price(Money total, Quantity quantity) {
  Int128 scaled = static_cast<Int128>(total.micros()) * kMicrosPerUnit;
  return Price::from_micros(
      static_cast<int64_t>(divide_rounded(scaled, static_cast<Int128>(quantity.micros()))));
}

}  // namespace fafnir
