#pragma once

#include <string_view>

namespace fafnir {

// How the trading day is laid out.
enum class SessionMode {
  k24h,       // always REGULAR; the trading day rolls over at 00:00 UTC
  kExchange,  // 09:30-16:00 America/New_York, Monday-Friday; PRE/POST around it; else CLOSED
};

enum class MarketState { kRegular, kClosed, kPre, kPost };

// "REGULAR", "CLOSED", "PRE", "POST".
std::string_view market_state_name(MarketState state);

}  // namespace fafnir
