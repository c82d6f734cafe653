#include "core/stock/market_calendar.h"

#include <chrono>

#include "core/stock/trading_days.h"

namespace fafnir {
namespace {

constexpr std::int64_t kMinute = 60'000'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::int64_t epoch_day_of_time(Timestamp t) { return floor_div(t.micros, kDay); }

std::int64_t micros_of_sys_days(std::chrono::sys_days day) {
  return day.time_since_epoch().count() * kDay;
}

// New York's offset from UTC at `t`, in micros (negative).
std::int64_t new_york_offset(Timestamp t) {
  return MarketCalendar::is_us_daylight_time(t) ? -4 * kHour : -5 * kHour;
}

}  // namespace

int TradingSession::step_at(Timestamp t) const {
  std::int64_t step = (t.micros - open.micros) / kMinute;
  return step >= steps ? steps - 1 : static_cast<int>(step);
}

Timestamp TradingSession::step_time(int step) const { return {open.micros + step * kMinute}; }

bool MarketCalendar::is_us_daylight_time(Timestamp t) {
  using namespace std::chrono;
  year y = year_month_day{sys_days{days{epoch_day_of_time(t)}}}.year();
  // 02:00 EST = 07:00 UTC on the second Sunday of March; 02:00 EDT = 06:00 UTC on the first
  // Sunday of November.
  std::int64_t begins = micros_of_sys_days(sys_days{y / March / Sunday[2]}) + 7 * kHour;
  std::int64_t ends = micros_of_sys_days(sys_days{y / November / Sunday[1]}) + 6 * kHour;
  return t.micros >= begins && t.micros < ends;
}

MarketState MarketCalendar::state(Timestamp t) const {
  if (mode_ == SessionMode::k24h) return MarketState::kRegular;
  std::int64_t local = t.micros + new_york_offset(t);
  std::int64_t local_day = floor_div(local, kDay);
  if (!is_weekday(local_day)) return MarketState::kClosed;
  std::int64_t minute = (local - local_day * kDay) / kMinute;
  if (minute < 4 * 60) return MarketState::kClosed;
  if (minute < 9 * 60 + 30) return MarketState::kPre;
  if (minute < 16 * 60) return MarketState::kRegular;
  if (minute < 20 * 60) return MarketState::kPost;
  return MarketState::kClosed;
}

TradingSession MarketCalendar::session(std::int64_t trading_day) const {
  std::int64_t midnight = epoch_day_of(trading_day) * kDay;
  if (mode_ == SessionMode::k24h) {
    return {trading_day, Timestamp{midnight}, Timestamp{midnight + kDay}, 24 * 60};
  }
  // Transitions happen at 02:00 on Sundays, so a weekday has one offset all day.
  std::int64_t offset = new_york_offset(Timestamp{midnight + 12 * kHour});
  Timestamp open{midnight + 9 * kHour + 30 * kMinute - offset};
  Timestamp close{midnight + 16 * kHour - offset};
  return {trading_day, open, close, static_cast<int>((close.micros - open.micros) / kMinute)};
}

TradingSession MarketCalendar::session_at_or_before(Timestamp t) const {
  if (mode_ == SessionMode::k24h) {
    return session(trading_day_on_or_before(epoch_day_of_time(t)));
  }
  std::int64_t local_day = floor_div(t.micros + new_york_offset(t), kDay);
  TradingSession candidate = session(trading_day_on_or_before(local_day));
  return candidate.open <= t ? candidate : session(candidate.day - 1);
}

TradingSession MarketCalendar::session_at_or_after(Timestamp t) const {
  TradingSession latest = session_at_or_before(t);
  return t < latest.close ? latest : session(latest.day + 1);
}

std::optional<Timestamp> MarketCalendar::next_open(Timestamp t) const {
  if (mode_ == SessionMode::k24h) return std::nullopt;
  return session(session_at_or_before(t).day + 1).open;
}

Timestamp MarketCalendar::next_close(Timestamp t) const {
  if (mode_ == SessionMode::k24h) return Timestamp{(epoch_day_of_time(t) + 1) * kDay};
  TradingSession latest = session_at_or_before(t);
  return t < latest.close ? latest.close : session(latest.day + 1).close;
}

Timestamp MarketCalendar::next_price_step(Timestamp t) const {
  TradingSession latest = session_at_or_before(t);
  if (t < latest.close) {
    int next = latest.step_at(t) + 1;
    if (next < latest.steps) return latest.step_time(next);
  }
  return session(latest.day + 1).open;
}

}  // namespace fafnir
