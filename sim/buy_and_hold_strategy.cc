#include "sim/buy_and_hold_strategy.h"

namespace fafnir {

std::vector<OrderIntent> BuyAndHoldStrategy::decide(const MarketView& market,
                                                    const AgentView& agent, std::mt19937_64&) {
  std::vector<OrderIntent> orders;
  if (invested_ || market.symbols.empty()) return orders;
  invested_ = true;
  Money each = Money::from_micros(percent_of(agent.buying_power, 98).micros() /
                                  static_cast<std::int64_t>(market.symbols.size()));
  for (std::size_t symbol = 0; symbol < market.symbols.size(); ++symbol) {
    Quantity shares = affordable_shares(each, market.price(symbol));
    if (shares.is_positive()) orders.push_back({symbol, OrderSide::kBuy, shares, std::nullopt});
  }
  return orders;
}

}  // namespace fafnir
