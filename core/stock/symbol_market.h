#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/stock/market_calendar.h"
#include "core/stock/price_model.h"

namespace fafnir {

// One session's bar as seen at some instant.
struct SessionBar {
  Price open, high, low, close;
  std::int64_t volume = 0;
};

// One instrument's market: the PriceModel with operator overrides laid over it. From an
// override's time on, the price is the model price scaled by (override price / model price at
// that time), rounded to the tick; a later override replaces the earlier one. Not thread-safe.
class SymbolMarket {
 public:
  // `calendar` must outlive this object.
  SymbolMarket(Instrument instrument, std::uint64_t seed, const MarketCalendar& calendar,
               std::int64_t anchor_day);

  const Instrument& instrument() const { return model_.instrument(); }
  std::int64_t first_day() const { return model_.first_day(); }
  bool is_replay(std::int64_t day) const { return model_.is_replay(day); }
  const std::map<std::int64_t, ImportedBar>& replay() const { return model_.replay(); }

  // See PriceModel::set_replay(). Overrides keep their prices at their times.
  void set_replay(std::map<std::int64_t, ImportedBar> bars);

  // REQUIRES: price is positive.
  void add_override(Timestamp at, Price price);
  void clear_overrides();

  // The price in effect at `t`.
  Price price_at(Timestamp t);
  // As price_at(), faster. REQUIRES: session == calendar.session_at_or_before(t).
  Price price_in(const TradingSession& session, Timestamp t);

  // The bar of `session` as seen at `until` (REQUIRES: until >= session.open); the complete bar
  // when until >= session.close.
  SessionBar bar(const TradingSession& session, Timestamp until);

  // The lowest low and highest high of the complete bars of the `count` trading days before
  // `day`.
  std::pair<Price, Price> low_high_before(std::int64_t day, int count);

 private:
  struct Override {
    Timestamp at;
    std::int64_t price;  // micros
    std::int64_t model;  // the model price at `at`, micros
  };

  std::int64_t raw_price_in(const TradingSession& session, Timestamp t);
  // The override in effect at `t`, or null.
  const Override* override_at(Timestamp t) const;
  std::int64_t scale(std::int64_t raw, const Override* by) const;
  void reprice_overrides();

  const MarketCalendar& calendar_;
  PriceModel model_;
  std::vector<Override> overrides_;  // ordered by time, then insertion
  std::uint64_t generation_ = 0;     // changes whenever prices may have changed

  struct RangeCache {
    std::int64_t day = 0;
    int count = 0;
    std::uint64_t generation = 0;
    std::pair<Price, Price> low_high;
  };
  std::optional<RangeCache> range_cache_;

  struct PriceCache {
    Timestamp at;
    std::uint64_t generation = 0;
    Price price;
  };
  std::optional<PriceCache> price_cache_;  // the last price_at() answer
};

}  // namespace fafnir
