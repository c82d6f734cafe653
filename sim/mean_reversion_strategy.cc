#include "sim/mean_reversion_strategy.h"

namespace fafnir {
namespace {

constexpr std::int64_t kPositionsPerEquity = 4;

}  // namespace

std::vector<OrderIntent> MeanReversionStrategy::decide(const MarketView& market,
                                                       const AgentView& agent, std::mt19937_64&) {
  std::vector<OrderIntent> orders;
  if (market.samples() < window_) return orders;
  std::optional<std::size_t> best;
  std::int64_t best_bps = band_bps_;
  for (std::size_t symbol = 0; symbol < market.symbols.size(); ++symbol) {
    const std::vector<Price>& prices = market.history[symbol];
    std::int64_t sum = 0;
    for (std::size_t i = prices.size() - window_; i < prices.size(); ++i) sum += prices[i].micros();
    std::int64_t mean = sum / static_cast<std::int64_t>(window_);
    std::int64_t price = prices.back().micros();
    if (agent.holdings[symbol].is_positive()) {
      if (price >= mean) {
        orders.push_back({symbol, OrderSide::kSell, agent.holdings[symbol], std::nullopt});
      }
      continue;
    }
    std::int64_t discount_bps = (mean - price) * 10'000 / mean;
    if (discount_bps > best_bps) {
      best = symbol;
      best_bps = discount_bps;
    }
  }
  if (best) {
    Money budget = std::min(agent.buying_power,
                            Money::from_micros(agent.equity.micros() / kPositionsPerEquity));
    Quantity shares = affordable_shares(budget, market.price(*best));
    if (shares.is_positive()) orders.push_back({*best, OrderSide::kBuy, shares, std::nullopt});
  }
  return orders;
}

}  // namespace fafnir
