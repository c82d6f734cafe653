#include "core/stock/market_state.h"

#include "core/common/text.h"

namespace fafnir {

std::string_view market_state_name(MarketState state) {
  switch (state) {
    case MarketState::kRegular: return "REGULAR";
    case MarketState::kClosed: return "CLOSED";
    case MarketState::kPre: return "PRE";
    case MarketState::kPost: return "POST";
  }
  return "CLOSED";
}

std::string_view session_mode_name(SessionMode mode) {
  return mode == SessionMode::k24h ? "24h" : "exchange";
}

Result<SessionMode> parse_session_mode(std::string_view text) {
  std::string mode = to_lower(text);
  if (mode == "24h") return SessionMode::k24h;
  if (mode == "exchange") return SessionMode::kExchange;
  return Status::InvalidArgument("unknown session '" + std::string(text) + "' (use 24h or exchange)");
}

}  // namespace fafnir
