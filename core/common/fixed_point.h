#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

inline constexpr int kFixedPointDecimals = 6;
inline constexpr int64_t kMicrosPerUnit = 1'000'000;

// Parses an exact decimal: an optional '+' or '-', digits with an optional '.' that must be
// followed by at least one digit (".5" is fine, "1." is not), then an optional exponent
// ("1e2", "1.5E-3"). Returns the value in micro-units. Fails with InvalidArgument, naming the
// input, on empty or malformed text (including whitespace, "nan", "inf"), when the exact value has
// more than 6 decimal places, or when it does not fit an int64 count of micro-units.
Result<int64_t> parse_micros(std::string_view text);

// Converts a double exactly as written in its shortest round-trip decimal form, so 0.1 gives
// 100000. Fails with InvalidArgument on NaN, infinities, more than 6 decimal places or overflow.
Result<int64_t> micros_from_double(double value);

// The exact decimal form of `micros`, with between `min_decimals` and 6 decimals: trailing zeros
// beyond `min_decimals` are dropped, and there is no '.' when no decimals remain. `min_decimals`
// is clamped to [0, 6].
std::string format_micros(int64_t micros, int min_decimals = 2);

// An exact signed count of micro-units (10^-6). Each Tag gives a distinct type; values of
// different tags never convert into one another. A trivially copyable value type.
template <typename Tag>
class FixedPoint {
 public:
  constexpr FixedPoint() = default;

  static constexpr FixedPoint from_micros(int64_t micros) { return FixedPoint(micros); }
  static constexpr FixedPoint zero() { return FixedPoint(); }

  // See parse_micros().
  static Result<FixedPoint> parse(std::string_view text) {
    FAFNIR_ASSIGN_OR_RETURN(int64_t micros, parse_micros(text));
    return from_micros(micros);
  }

  // See micros_from_double().
  static Result<FixedPoint> from_double(double value) {
    FAFNIR_ASSIGN_OR_RETURN(int64_t micros, micros_from_double(value));
    return from_micros(micros);
  }

  constexpr int64_t micros() const { return micros_; }
  constexpr bool is_positive() const { return micros_ > 0; }
  constexpr bool is_negative() const { return micros_ < 0; }
  constexpr bool is_zero() const { return micros_ == 0; }

  constexpr auto operator<=>(const FixedPoint&) const = default;
  constexpr bool operator==(const FixedPoint&) const = default;

  // REQUIRES: the result fits an int64 (use checked_add / checked_sub when it may not).
  constexpr FixedPoint operator-() const { return FixedPoint(-micros_); }
  constexpr FixedPoint operator+(FixedPoint other) const {
    return FixedPoint(micros_ + other.micros_);
  }
  constexpr FixedPoint operator-(FixedPoint other) const {
    return FixedPoint(micros_ - other.micros_);
  }
  constexpr FixedPoint& operator+=(FixedPoint other) { return *this = *this + other; }
  constexpr FixedPoint& operator-=(FixedPoint other) { return *this = *this - other; }

  // The sum or difference; InvalidArgument when it does not fit an int64 count of micro-units.
  Result<FixedPoint> checked_add(FixedPoint other) const {
    int64_t sum = 0;
    if (__builtin_add_overflow(micros_, other.micros_, &sum)) {
      return Status::InvalidArgument(format() + " + " + other.format() + " overflows");
    }
    return FixedPoint(sum);
  }
  Result<FixedPoint> checked_sub(FixedPoint other) const {
    int64_t difference = 0;
    if (__builtin_sub_overflow(micros_, other.micros_, &difference)) {
      return Status::InvalidArgument(format() + " - " + other.format() + " overflows");
    }
    return FixedPoint(difference);
  }

  // See format_micros().
  std::string format(int min_decimals = 2) const { return format_micros(micros_, min_decimals); }

  // The value as a double, possibly rounded. For JSON output only; never compute with it.
  double to_double() const { return static_cast<double>(micros_) / kMicrosPerUnit; }

 private:
  constexpr explicit FixedPoint(int64_t micros) : micros_(micros) {}

  int64_t micros_ = 0;
};

using Money = FixedPoint<struct MoneyTag>;
using Quantity = FixedPoint<struct QuantityTag>;
using Price = FixedPoint<struct PriceTag>;

// price * quantity, rounded half away from zero to the micro.
// REQUIRES: the result fits (use checked_notional when it may not).
Money notional(Price price, Quantity quantity);
// As notional(); InvalidArgument when the result does not fit an int64 count of micro-units.
Result<Money> checked_notional(Price price, Quantity quantity);

// amount * rate, where rate is a decimal exchange rate, rounded half away from zero to the micro.
// REQUIRES: the result fits (use checked_convert when it may not).
Money convert(Money amount, Price rate);
// As convert(); InvalidArgument when the result does not fit an int64 count of micro-units.
Result<Money> checked_convert(Money amount, Price rate);
// A price in another currency: price * rate, rounded half away from zero to the micro.
Price convert(Price price, Price rate);

// total / quantity, the price of one unit, rounded half away from zero to the micro.
// REQUIRES: quantity is positive and the result fits.
Price unit_price(Money total, Quantity quantity);

}  // namespace fafnir
