#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/stock/counter_rng.h"
#include "core/stock/instrument.h"
#include "core/stock/market_repository.h"

namespace fafnir {

// One complete session of one instrument, before operator overrides.
struct DaySummary {
  Price open, high, low, close;  // the bar (exactly the imported values on a replay day)
  std::int64_t volume = 0;
  Price last;  // the price from the last step until the next open: close rounded to the tick
};

// The price at every step of one session, with the running high and low (tick multiples, micros).
struct IntradayPath {
  std::int64_t day = 0;
  std::vector<std::int64_t> price;
  std::vector<std::int64_t> high;  // high[i] = max(price[0..i])
  std::vector<std::int64_t> low;   // low[i] = min(price[0..i])
  std::int64_t volume = 0;         // the session's total

  // Shares traded from the open through `step`.
  std::int64_t volume_through(int step) const;
};

// The deterministic price process of one instrument, a pure function of (seed, symbol, trading
// day, step) and the replayed bars:
//  - daily closes follow geometric Brownian motion with the instrument's drift and volatility
//    plus rare jumps, anchored so the close before `anchor_day` is the base price, and generated
//    backwards from it for history and forwards for the future;
//  - each session's path is a Brownian bridge (in log price) from the open, which is the
//    previous close, to the close over the session's steps, so the day's high and low are the
//    path's extremes;
//  - on a replay day the bar is the imported one and the path runs piecewise linearly through
//    open, low, high, close (open, high, low, close when the day closes below its open); outside
//    the replayed days the process continues from the nearest imported close (before the first
//    imported day, backwards from its open).
// Every price is a multiple of the instrument's tick and at least one tick. Results are cached;
// not thread-safe.
class PriceModel {
 public:
  // Trading days of history generated before the anchor (6 years).
  static constexpr std::int64_t kHistoryDays = 6 * 261;

  // REQUIRES: steps_per_session >= 2; instrument.tick is positive.
  PriceModel(Instrument instrument, std::uint64_t seed, int steps_per_session,
             std::int64_t anchor_day);

  const Instrument& instrument() const { return instrument_; }

  // Replaces the replayed bars, keyed by trading day. REQUIRES: each bar is valid (positive,
  // low <= open, close <= high).
  void set_replay(std::map<std::int64_t, ImportedBar> bars);
  bool is_replay(std::int64_t day) const { return replay_.count(day) != 0; }
  const std::map<std::int64_t, ImportedBar>& replay() const { return replay_; }

  // The first trading day of generated history.
  std::int64_t first_day() const;

  DaySummary day(std::int64_t day);
  // The returned reference stays valid until the next call of path().
  const IntradayPath& path(std::int64_t day);

 private:
  double log_close(std::int64_t day);
  double daily_return(std::int64_t day) const;
  std::int64_t daily_volume(std::int64_t day) const;
  std::int64_t to_tick(double log_price) const;
  std::int64_t round_to_tick(std::int64_t micros) const;
  void rebuild(std::int64_t lo, std::int64_t hi);
  void fill_log_path(std::int64_t day, std::vector<double>& out);
  void fill_replay_path(const ImportedBar& bar, std::vector<std::int64_t>& out) const;

  Instrument instrument_;
  CounterRng rng_;
  int steps_;
  std::int64_t anchor_day_;
  double drift_per_day_;
  double volatility_per_day_;
  std::map<std::int64_t, ImportedBar> replay_;

  std::int64_t lo_ = 0;                               // trading day of log_closes_[0]
  std::vector<double> log_closes_;                    // log of each day's close, days lo_ ...
  std::vector<std::optional<DaySummary>> summaries_;  // parallel to log_closes_
  std::array<IntradayPath, 2> paths_;
  std::array<bool, 2> path_valid_{false, false};
  int next_path_slot_ = 0;
  std::vector<double> scratch_;
};

}  // namespace fafnir
