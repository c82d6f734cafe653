#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

using Duration = std::chrono::microseconds;

// A point in UTC time, microseconds since the Unix epoch. A plain value type.
struct Timestamp {
  std::int64_t micros = 0;

  static Timestamp from_seconds(std::int64_t seconds) { return {seconds * 1'000'000}; }
  std::int64_t seconds() const { return micros / 1'000'000; }

  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
  friend Timestamp operator+(Timestamp t, Duration d) { return {t.micros + d.count()}; }
  friend Timestamp operator-(Timestamp t, Duration d) { return {t.micros - d.count()}; }
  friend Duration operator-(Timestamp a, Timestamp b) { return Duration(a.micros - b.micros); }
};

// RFC 3339 UTC with milliseconds: "2026-01-02T15:04:05.123Z".
std::string format_rfc3339(Timestamp t);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)" and a plain date "YYYY-MM-DD" (midnight UTC).
// Returns InvalidArgument naming the problem otherwise.
Result<Timestamp> parse_rfc3339(std::string_view text);

// Midnight UTC of the day that contains `t`.
Timestamp start_of_utc_day(Timestamp t);

// Parses durations such as "500ms", "90s", "90m", "6h", "1d", "2w" and combinations like "1h30m".
// Returns InvalidArgument for an empty, unknown-unit, zero or overflowing duration.
Result<Duration> parse_duration(std::string_view text);

}  // namespace fafnir
