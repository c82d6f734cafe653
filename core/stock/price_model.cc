#include "core/stock/price_model.h"

#include <algorithm>
#include <cmath>

namespace fafnir {
namespace {

constexpr double kTradingDaysPerYear = 252.0;
constexpr double kJumpsPerDay = 0.01;     // about 2.5 jumps a year
constexpr double kJumpVolatility = 0.15;  // jump size, as a fraction of the annual volatility
constexpr double kVolumeDispersion = 0.35;
constexpr std::int64_t kMaxPriceMicros = 1'000'000'000'000'000;  // a billion per share

// Draw streams of the counter RNG.
constexpr std::uint64_t kDailyStream = 1;
constexpr std::uint64_t kJumpStream = 2;
constexpr std::uint64_t kIntradayStream = 3;
constexpr std::uint64_t kVolumeStream = 4;

// num / den rounded half away from zero. REQUIRES: den > 0.
std::int64_t div_round(__int128 num, __int128 den) {
  __int128 q = num >= 0 ? (2 * num + den) / (2 * den) : -((-2 * num + den) / (2 * den));
  return static_cast<std::int64_t>(q);
}

double turnover_per_day(InstrumentType type) {
  switch (type) {
    case InstrumentType::kEquity:
      return 0.006;
    case InstrumentType::kEtf:
      return 0.03;
    default:
      return 0.0;
  }
}

}  // namespace

std::int64_t IntradayPath::volume_through(int step) const {
  auto steps = static_cast<std::int64_t>(price.size());
  return static_cast<std::int64_t>(static_cast<__int128>(volume) * (step + 1) / steps);
}

PriceModel::PriceModel(Instrument instrument, std::uint64_t seed, int steps_per_session,
                       std::int64_t anchor_day)
    : instrument_(std::move(instrument)),
      rng_(CounterRng::keyed(seed, instrument_.symbol)),
      steps_(steps_per_session),
      anchor_day_(anchor_day) {
  double sigma = instrument_.annual_volatility;
  drift_per_day_ = (instrument_.annual_drift - 0.5 * sigma * sigma) / kTradingDaysPerYear;
  volatility_per_day_ = sigma / std::sqrt(kTradingDaysPerYear);
}

void PriceModel::set_replay(std::map<std::int64_t, ImportedBar> bars) {
  replay_ = std::move(bars);
  log_closes_.clear();
  summaries_.clear();
  path_valid_ = {false, false};
}

std::int64_t PriceModel::first_day() const {
  std::int64_t first = anchor_day_ - kHistoryDays;
  return replay_.empty() ? first : std::min(first, replay_.begin()->first);
}

double PriceModel::daily_return(std::int64_t day) const {
  double r = drift_per_day_ + volatility_per_day_ * rng_.normal(kDailyStream, day, 0);
  if (rng_.uniform(kJumpStream, day, 0) < kJumpsPerDay) {
    r += kJumpVolatility * instrument_.annual_volatility * rng_.normal(kJumpStream, day, 1);
  }
  return r;
}

std::int64_t PriceModel::daily_volume(std::int64_t day) const {
  double average =
      static_cast<double>(instrument_.shares_outstanding) * turnover_per_day(instrument_.type);
  if (average <= 0.0) return 0;
  double surprise = std::exp(kVolumeDispersion * rng_.normal(kVolumeStream, day, 0) -
                             0.5 * kVolumeDispersion * kVolumeDispersion);
  double move = 1.0 + 8.0 * std::fabs(daily_return(day) - drift_per_day_);
  return std::llround(std::min(average * surprise * move, 1e15));
}

std::int64_t PriceModel::to_tick(double log_price) const {
  std::int64_t tick = instrument_.tick.micros();
  double cap = static_cast<double>(kMaxPriceMicros / tick);
  double ticks = std::exp(log_price) * (1e6 / static_cast<double>(tick));
  if (!(ticks < cap)) ticks = cap;
  return std::max<std::int64_t>(std::llround(ticks), 1) * tick;
}

std::int64_t PriceModel::round_to_tick(std::int64_t micros) const {
  std::int64_t tick = instrument_.tick.micros();
  return std::max<std::int64_t>(div_round(micros, tick), 1) * tick;
}

void PriceModel::rebuild(std::int64_t lo, std::int64_t hi) {
  // The pivot: the close before the anchor is the base price; with replayed days, the close
  // before the first of them is its open.
  std::int64_t pivot = anchor_day_ - 1;
  double pivot_log = std::log(std::max(instrument_.base_price, instrument_.tick).to_double());
  if (!replay_.empty()) {
    pivot = replay_.begin()->first - 1;
    pivot_log = std::log(replay_.begin()->second.open.to_double());
  }
  lo = std::min(lo, pivot);
  hi = std::max(hi, pivot);
  lo_ = lo;
  log_closes_.assign(static_cast<std::size_t>(hi - lo + 1), 0.0);
  summaries_.assign(log_closes_.size(), std::nullopt);
  log_closes_[pivot - lo] = pivot_log;
  for (std::int64_t d = pivot - 1; d >= lo; --d) {
    log_closes_[d - lo] = log_closes_[d + 1 - lo] - daily_return(d + 1);
  }
  for (std::int64_t d = pivot + 1; d <= hi; ++d) {
    auto replayed = replay_.find(d);
    log_closes_[d - lo] = replayed != replay_.end() ? std::log(replayed->second.close.to_double())
                                                    : log_closes_[d - 1 - lo] + daily_return(d);
  }
}

double PriceModel::log_close(std::int64_t day) {
  if (log_closes_.empty() || day < lo_) {
    std::int64_t hi =
        log_closes_.empty() ? day : lo_ + static_cast<std::int64_t>(log_closes_.size()) - 1;
    rebuild(std::min(day, first_day() - 1) - (log_closes_.empty() ? 0 : 261), std::max(hi, day));
  }
  while (lo_ + static_cast<std::int64_t>(log_closes_.size()) <= day) {
    std::int64_t d = lo_ + static_cast<std::int64_t>(log_closes_.size());
    auto replayed = replay_.find(d);
    log_closes_.push_back(replayed != replay_.end() ? std::log(replayed->second.close.to_double())
                                                    : log_closes_.back() + daily_return(d));
    summaries_.emplace_back();
  }
  return log_closes_[day - lo_];
}

void PriceModel::fill_log_path(std::int64_t day, std::vector<double>& out) {
  double open = log_close(day - 1);
  double close = log_close(day);
  const int m = steps_ - 1;
  out.resize(static_cast<std::size_t>(steps_));
  // A unit random walk W over m steps, then the bridge W_j - (j/m) W_m scaled to the day's
  // volatility, laid over the straight line from open to close.
  double walk = 0.0;
  out[0] = 0.0;
  for (int j = 1; j <= m; j += 2) {
    auto [z1, z2] = rng_.normal_pair(kIntradayStream, day, j / 2);
    walk += z1;
    out[j] = walk;
    if (j + 1 <= m) {
      walk += z2;
      out[j + 1] = walk;
    }
  }
  const double end = out[m];
  const double scale = volatility_per_day_ / std::sqrt(static_cast<double>(m));
  for (int j = 1; j < m; ++j) {
    double fraction = static_cast<double>(j) / m;
    out[j] = open + fraction * (close - open) + scale * (out[j] - fraction * end);
  }
  out[0] = open;
  out[m] = close;
}

void PriceModel::fill_replay_path(const ImportedBar& bar, std::vector<std::int64_t>& out) const {
  const int m = steps_ - 1;
  bool rising = bar.close >= bar.open;
  const std::int64_t knots[4] = {
      round_to_tick(bar.open.micros()), round_to_tick((rising ? bar.low : bar.high).micros()),
      round_to_tick((rising ? bar.high : bar.low).micros()), round_to_tick(bar.close.micros())};
  const int at[4] = {0, m / 3, 2 * m / 3, m};
  std::int64_t tick = instrument_.tick.micros();
  out.resize(static_cast<std::size_t>(steps_));
  for (int leg = 0; leg < 3; ++leg) {
    std::int64_t from = knots[leg] / tick;
    std::int64_t to = knots[leg + 1] / tick;
    int span = at[leg + 1] - at[leg];
    for (int j = at[leg]; j <= at[leg + 1]; ++j) {
      std::int64_t ticks =
          span == 0 ? to : from + div_round(static_cast<__int128>(to - from) * (j - at[leg]), span);
      out[j] = std::max<std::int64_t>(ticks, 1) * tick;
    }
  }
}

DaySummary PriceModel::day(std::int64_t day) {
  log_close(day);
  log_close(day - 1);
  std::optional<DaySummary>& slot = summaries_[day - lo_];
  if (slot) return *slot;
  auto replayed = replay_.find(day);
  if (replayed != replay_.end()) {
    const ImportedBar& bar = replayed->second;
    slot = DaySummary{bar.open,  bar.high,   bar.low,
                      bar.close, bar.volume, Price::from_micros(round_to_tick(bar.close.micros()))};
    return *slot;
  }
  fill_log_path(day, scratch_);
  auto [lowest, highest] = std::minmax_element(scratch_.begin(), scratch_.end());
  Price close = Price::from_micros(to_tick(scratch_.back()));
  slot = DaySummary{Price::from_micros(to_tick(scratch_.front())),
                    Price::from_micros(to_tick(*highest)),
                    Price::from_micros(to_tick(*lowest)),
                    close,
                    daily_volume(day),
                    close};
  return *slot;
}

const IntradayPath& PriceModel::path(std::int64_t day) {
  for (int slot = 0; slot < 2; ++slot) {
    if (path_valid_[slot] && paths_[slot].day == day) return paths_[slot];
  }
  int slot = next_path_slot_;
  next_path_slot_ = 1 - slot;
  IntradayPath& path = paths_[slot];
  path_valid_[slot] = false;
  path.day = day;
  auto replayed = replay_.find(day);
  if (replayed != replay_.end()) {
    fill_replay_path(replayed->second, path.price);
    path.volume = replayed->second.volume;
  } else {
    fill_log_path(day, scratch_);
    path.price.resize(scratch_.size());
    for (std::size_t j = 0; j < scratch_.size(); ++j) path.price[j] = to_tick(scratch_[j]);
    path.volume = daily_volume(day);
  }
  path.high.resize(path.price.size());
  path.low.resize(path.price.size());
  for (std::size_t j = 0; j < path.price.size(); ++j) {
    path.high[j] = j == 0 ? path.price[0] : std::max(path.high[j - 1], path.price[j]);
    path.low[j] = j == 0 ? path.price[0] : std::min(path.low[j - 1], path.price[j]);
  }
  path_valid_[slot] = true;
  return path;
}

}  // namespace fafnir
