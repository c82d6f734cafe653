#include "core/stock/trading_days.h"

#include <chrono>
#include <cstdio>

namespace fafnir {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t kFirstMonday = 4;  // 1970-01-05

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

year_month_day ymd_of(std::int64_t epoch_day) { return year_month_day{sys_days{days{epoch_day}}}; }

std::int64_t epoch_day_of_ymd(const year_month_day& ymd) {
  return sys_days{ymd}.time_since_epoch().count();
}

}  // namespace

bool is_weekday(std::int64_t epoch_day) {
  std::int64_t since_monday = epoch_day - kFirstMonday;
  return since_monday - floor_div(since_monday, 7) * 7 < 5;
}

std::int64_t trading_day_on_or_before(std::int64_t epoch_day) {
  std::int64_t since_monday = epoch_day - kFirstMonday;
  std::int64_t week = floor_div(since_monday, 7);
  std::int64_t weekday = since_monday - week * 7;  // 0 = Monday
  return week * 5 + (weekday < 5 ? weekday : 4);
}

std::int64_t epoch_day_of(std::int64_t trading_day) {
  std::int64_t week = floor_div(trading_day, 5);
  return kFirstMonday + week * 7 + (trading_day - week * 5);
}

std::string format_date(std::int64_t epoch_day) {
  year_month_day ymd = ymd_of(epoch_day);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

Result<std::int64_t> parse_date(std::string_view text) {
  auto invalid = [&] {
    return Status::InvalidArgument(
        std::string("'").append(text).append("' is not a date (use YYYY-MM-DD)"));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return invalid();
  int fields[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t widths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (std::size_t i = 0; i < widths[f]; ++i) {
      char c = text[starts[f] + i];
      if (c < '0' || c > '9') return invalid();
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  year_month_day ymd{std::chrono::year{fields[0]},
                     std::chrono::month{static_cast<unsigned>(fields[1])},
                     std::chrono::day{static_cast<unsigned>(fields[2])}};
  if (!ymd.ok()) return invalid();
  return epoch_day_of_ymd(ymd);
}

std::int64_t months_before(std::int64_t epoch_day, int months) {
  year_month_day ymd = ymd_of(epoch_day);
  std::chrono::year_month target =
      std::chrono::year_month{ymd.year(), ymd.month()} - std::chrono::months{months};
  std::chrono::day last = std::chrono::year_month_day_last{
      target.year(),
      std::chrono::month_day_last{
          target.month()}}.day();
  std::chrono::day day = ymd.day() > last ? last : ymd.day();
  return epoch_day_of_ymd(year_month_day{target.year(), target.month(), day});
}

}  // namespace fafnir
