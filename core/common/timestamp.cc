#include "core/common/timestamp.h"

#include <charconv>
#include <cstdio>
#include <limits>

namespace fafnir {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Reads exactly `width` digits at `pos`; advances `pos`.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  pos += width;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::string format_rfc3339(Timestamp t) {
  std::int64_t day_index = floor_div(t.micros, kMicrosPerDay);
  std::int64_t micros_of_day = t.micros - day_index * kMicrosPerDay;
  year_month_day ymd{sys_days{days{day_index}}};
  std::int64_t seconds_of_day = micros_of_day / kMicrosPerSecond;
  std::int64_t millis = (micros_of_day % kMicrosPerSecond) / 1000;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long long>(seconds_of_day / 3600),
                static_cast<long long>(seconds_of_day / 60 % 60),
                static_cast<long long>(seconds_of_day % 60), static_cast<long long>(millis));
  return buffer;
}

Result<Timestamp> parse_rfc3339(std::string_view text) {
  auto invalid = [&] {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not an RFC 3339 time (e.g. 2026-01-02T15:04:05Z)");
  };
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, month) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, day)) {
    return invalid();
  }
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                     std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return invalid();
  std::int64_t micros = sys_days{ymd}.time_since_epoch().count() * kMicrosPerDay;
  if (pos == text.size()) return Timestamp{micros};

  int hour = 0, minute = 0, second = 0;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    return invalid();
  }
  ++pos;
  if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') ||
      !read_digits(text, pos, 2, minute) || !expect(text, pos, ':') ||
      !read_digits(text, pos, 2, second) || hour > 23 || minute > 59 || second > 59) {
    return invalid();
  }
  micros += (hour * 3600LL + minute * 60LL + second) * kMicrosPerSecond;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::int64_t scale = 100'000;
    std::size_t first = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      micros += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == first) return invalid();
  }
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos] == '+' ? 1 : -1;
    ++pos;
    int offset_hours = 0, offset_minutes = 0;
    if (!read_digits(text, pos, 2, offset_hours) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59) {
      return invalid();
    }
    micros -= sign * (offset_hours * 3600LL + offset_minutes * 60LL) * kMicrosPerSecond;
  } else {
    return invalid();
  }
  if (pos != text.size()) return invalid();
  return Timestamp{micros};
}

Timestamp start_of_utc_day(Timestamp t) { return {floor_div(t.micros, kMicrosPerDay) * kMicrosPerDay}; }

Result<Duration> parse_duration(std::string_view text) {
  auto invalid = [&](std::string_view why) {
    return Status::InvalidArgument("bad duration '" + std::string(text) + "': " + std::string(why) +
                                   " (use e.g. 90m, 6h, 1d, 1h30m, 500ms)");
  };
  if (text.empty()) return invalid("empty");
  std::int64_t total = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::int64_t amount = 0;
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), amount);
    if (ec != std::errc() || amount < 0) return invalid("expected a number");
    pos = static_cast<std::size_t>(end - text.data());
    if (pos >= text.size()) return invalid("missing unit");
    std::int64_t unit = 0;
    switch (text[pos]) {
      case 's': unit = kMicrosPerSecond; break;
      case 'm':
        if (text.substr(pos, 2) == "ms") {
          unit = kMicrosPerSecond / 1000;
          ++pos;
        } else {
          unit = 60 * kMicrosPerSecond;
        }
        break;
      case 'h': unit = 3600 * kMicrosPerSecond; break;
      case 'd': unit = kMicrosPerDay; break;
      case 'w': unit = 7 * kMicrosPerDay; break;
      default: return invalid("unknown unit");
    }
    ++pos;
    if (amount > (std::numeric_limits<std::int64_t>::max() - total) / unit) {
      return invalid("too long");
    }
    total += amount * unit;
  }
  if (total == 0) return invalid("must be positive");
  return Duration(total);
}

}  // namespace fafnir
