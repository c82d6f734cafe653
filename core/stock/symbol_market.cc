#include "core/stock/symbol_market.h"

#include <algorithm>

namespace fafnir {
namespace {

constexpr Duration kMicrosecond{1};

}  // namespace

SymbolMarket::SymbolMarket(Instrument instrument, std::uint64_t seed,
                           const MarketCalendar& calendar, std::int64_t anchor_day)
    : calendar_(calendar),
      model_(std::move(instrument), seed, calendar.session(anchor_day).steps, anchor_day) {}

void SymbolMarket::set_replay(std::map<std::int64_t, ImportedBar> bars) {
  model_.set_replay(std::move(bars));
  reprice_overrides();
}

void SymbolMarket::add_override(Timestamp at, Price price) {
  Override entry{at, price.micros(), raw_price_in(calendar_.session_at_or_before(at), at)};
  auto position = std::upper_bound(overrides_.begin(), overrides_.end(), at,
                                   [](Timestamp t, const Override& o) { return t < o.at; });
  overrides_.insert(position, entry);
  ++generation_;
}

void SymbolMarket::clear_overrides() {
  overrides_.clear();
  ++generation_;
}

void SymbolMarket::reprice_overrides() {
  for (Override& entry : overrides_) {
    entry.model = raw_price_in(calendar_.session_at_or_before(entry.at), entry.at);
  }
  ++generation_;
}

const SymbolMarket::Override* SymbolMarket::override_at(Timestamp t) const {
  auto after = std::upper_bound(overrides_.begin(), overrides_.end(), t,
                                [](Timestamp time, const Override& o) { return time < o.at; });
  return after == overrides_.begin() ? nullptr : &*(after - 1);
}

std::int64_t SymbolMarket::scale(std::int64_t raw, const Override* by) const {
  if (by == nullptr) return raw;
  std::int64_t tick = instrument().tick.micros();
  __int128 num = static_cast<__int128>(raw) * by->price;
  __int128 den = static_cast<__int128>(by->model) * tick;
  auto ticks = static_cast<std::int64_t>((2 * num + den) / (2 * den));
  return std::max<std::int64_t>(ticks, 1) * tick;
}

std::int64_t SymbolMarket::raw_price_in(const TradingSession& session, Timestamp t) {
  if (t < session.close) return model_.path(session.day).price[session.step_at(t)];
  return model_.day(session.day).last.micros();
}

Price SymbolMarket::price_at(Timestamp t) {
  if (price_cache_ && price_cache_->at == t && price_cache_->generation == generation_) {
    return price_cache_->price;
  }
  Price price = price_in(calendar_.session_at_or_before(t), t);
  price_cache_ = PriceCache{t, generation_, price};
  return price;
}

Price SymbolMarket::price_in(const TradingSession& session, Timestamp t) {
  return Price::from_micros(scale(raw_price_in(session, t), override_at(t)));
}

SessionBar SymbolMarket::bar(const TradingSession& session, Timestamp until) {
  const bool complete = until >= session.close;
  const int last = complete ? session.steps - 1 : session.step_at(until);
  const Timestamp end = complete ? session.close - kMicrosecond : until;
  const Override* at_open = override_at(session.open);
  auto by_time = [](Timestamp time, const Override& o) { return time < o.at; };
  auto first = std::upper_bound(overrides_.begin(), overrides_.end(), session.open, by_time);
  auto stop = std::upper_bound(overrides_.begin(), overrides_.end(), end, by_time);
  auto px = [](std::int64_t micros) { return Price::from_micros(micros); };

  if (first == stop && complete) {
    DaySummary day = model_.day(session.day);
    return {px(scale(day.open.micros(), at_open)), px(scale(day.high.micros(), at_open)),
            px(scale(day.low.micros(), at_open)), px(scale(day.close.micros(), at_open)),
            day.volume};
  }
  const IntradayPath& path = model_.path(session.day);
  if (first == stop) {
    return {px(scale(path.price[0], at_open)), px(scale(path.high[last], at_open)),
            px(scale(path.low[last], at_open)), px(scale(path.price[last], at_open)),
            path.volume_through(last)};
  }
  // Overrides inside the session split it into segments, each scaled by its own override.
  std::int64_t high = 0;
  std::int64_t low = 0;
  bool seen = false;
  auto cover = [&](int from, int to, const Override* by) {
    if (from > to) return;
    auto [lowest, highest] =
        std::minmax_element(path.price.begin() + from, path.price.begin() + to + 1);
    std::int64_t segment_high = scale(*highest, by);
    std::int64_t segment_low = scale(*lowest, by);
    high = seen ? std::max(high, segment_high) : segment_high;
    low = seen ? std::min(low, segment_low) : segment_low;
    seen = true;
  };
  const Override* current = at_open;
  int segment_start = 0;
  for (auto it = first; it != stop; ++it) {
    cover(segment_start, std::min(last, session.step_at(it->at - kMicrosecond)), current);
    current = &*it;
    segment_start = session.step_at(it->at);
  }
  cover(segment_start, last, current);
  return {px(scale(path.price[0], at_open)), px(high), px(low),
          px(scale(path.price[last], current)), path.volume_through(last)};
}

std::pair<Price, Price> SymbolMarket::low_high_before(std::int64_t day, int count) {
  if (range_cache_ && range_cache_->day == day && range_cache_->count == count &&
      range_cache_->generation == generation_) {
    return range_cache_->low_high;
  }
  std::pair<Price, Price> low_high;
  for (std::int64_t d = day - count; d < day; ++d) {
    TradingSession session = calendar_.session(d);
    SessionBar complete = bar(session, session.close);
    if (d == day - count) {
      low_high = {complete.low, complete.high};
    } else {
      low_high.first = std::min(low_high.first, complete.low);
      low_high.second = std::max(low_high.second, complete.high);
    }
  }
  range_cache_ = RangeCache{day, count, generation_, low_high};
  return low_high;
}

}  // namespace fafnir
