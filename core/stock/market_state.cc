#include "core/stock/market_state.h"

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

}  // namespace fafnir
