#pragma once

#include <cstdint>
#include <optional>

#include "core/common/timestamp.h"
#include "core/stock/market_state.h"

namespace fafnir {

// The price session of one trading day (see trading_days.h): prices step every minute at
// open + i minutes for i in [0, steps) and stay constant from the last step until the next
// session's open. The first step's price is the day's open, the last step's the day's close.
struct TradingSession {
  std::int64_t day = 0;  // trading day number
  Timestamp open;
  Timestamp close;  // end of the session; the next step after it is the next session's open
  int steps = 0;

  // The step in effect at `t`. REQUIRES: open <= t. Times at or after the close give steps - 1.
  int step_at(Timestamp t) const;
  Timestamp step_time(int step) const;
};

// The trading calendar of a SessionMode. Sessions exist on weekdays only; holidays are ignored.
//   k24h:      sessions are whole UTC weekdays, [00:00, 24:00), 1440 steps; the state is always
//              REGULAR; the trading day rolls over (closes) every day at 00:00 UTC.
//   kExchange: sessions are 09:30-16:00 America/New_York (US daylight saving time from the second
//              Sunday of March 02:00 to the first Sunday of November 02:00 local), 390 steps;
//              PRE 04:00-09:30, POST 16:00-20:00, CLOSED otherwise and on weekends.
// A plain value; thread-safe.
class MarketCalendar {
 public:
  explicit MarketCalendar(SessionMode mode) : mode_(mode) {}

  SessionMode mode() const { return mode_; }

  MarketState state(Timestamp t) const;

  TradingSession session(std::int64_t trading_day) const;

  // The latest session that opened at or before `t`.
  TradingSession session_at_or_before(Timestamp t) const;

  // The session that contains `t`, or the next one when `t` falls between sessions.
  TradingSession session_at_or_after(Timestamp t) const;

  // The first session open strictly after `t`; none in k24h mode, where the market never closes.
  std::optional<Timestamp> next_open(Timestamp t) const;

  // The first session close strictly after `t`: the next 00:00 UTC (every day) in k24h mode, the
  // next 16:00 New York time on a weekday in kExchange mode.
  Timestamp next_close(Timestamp t) const;

  // The first price step strictly after `t`.
  Timestamp next_price_step(Timestamp t) const;

  // True when `t` is in US daylight saving time (New York is UTC-4 rather than UTC-5).
  static bool is_us_daylight_time(Timestamp t);

 private:
  SessionMode mode_;
};

}  // namespace fafnir
