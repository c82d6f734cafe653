#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/common/currency.h"
#include "core/common/fixed_point.h"
#include "core/common/timestamp.h"
#include "core/stock/market_state.h"

namespace fafnir {

// A symbol's market at one instant. "Today" is the latest session that has opened.
struct Quote {
  std::string symbol;
  Currency currency = Currency::kUsd;
  Price price;                             // the last traded price
  Price open;                              // today's open
  Price previous_close;                    // the close of the session before today's
  Price change;                            // price - previous_close
  std::int64_t change_percent_micros = 0;  // change / previous_close in percent x 1e6, rounded
                                           // half away from zero (1.234567% -> 1234567)
  std::int64_t volume = 0;                 // shares traded today so far
  Money market_cap;                        // price x shares outstanding (0 when not applicable)
  Price day_low, day_high;                 // today so far
  Price year_low, year_high;               // the last 52 weeks, today included
  std::string source;                      // "simulated" or "replay"
  Timestamp as_of;
  MarketState market_state = MarketState::kClosed;
};

// One session's OHLCV bar.
struct DailyBar {
  std::string date;  // YYYY-MM-DD
  Price open, high, low, close;
  std::int64_t volume = 0;
  Price change;                            // close - the previous session's close
  std::int64_t change_percent_micros = 0;  // as in Quote
};

struct MarketClockInfo {
  Timestamp now;
  MarketState state = MarketState::kClosed;
  std::optional<Timestamp> next_open;  // none when the market never closes (24h sessions)
  std::optional<Timestamp> next_close;
};

}  // namespace fafnir
