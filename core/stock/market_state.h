#pragma once

#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// How the trading day is laid out.
enum class SessionMode {
  k24h,       // always REGULAR; the trading day rolls over at 00:00 UTC
  kExchange,  // 09:30-16:00 America/New_York, Monday-Friday; PRE/POST around it; else CLOSED
};

enum class MarketState { kRegular, kClosed, kPre, kPost };

// "24h" or "exchange"; parsing accepts any letter case.
std::string_view session_mode_name(SessionMode mode);
Result<SessionMode> parse_session_mode(std::string_view text);

// "REGULAR", "CLOSED", "PRE", "POST".
std::string_view market_state_name(MarketState state);

}  // namespace fafnir
