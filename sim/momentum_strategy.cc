#include "sim/momentum_strategy.h"

namespace fafnir {
namespace {

constexpr std::size_t kMaxPositions = 3;

}  // namespace

std::vector<OrderIntent> MomentumStrategy::decide(const MarketView& market, const AgentView& agent,
                                                  std::mt19937_64&) {
  std::vector<OrderIntent> orders;
  if (market.samples() <= lookback_) return orders;
  std::size_t positions = 0;
  std::optional<std::size_t> best;
  std::int64_t best_bps = threshold_bps_;
  for (std::size_t symbol = 0; symbol < market.symbols.size(); ++symbol) {
    const std::vector<Price>& prices = market.history[symbol];
    std::int64_t then = prices[prices.size() - 1 - lookback_].micros();
    std::int64_t change_bps = (prices.back().micros() - then) * 10'000 / then;
    bool held = agent.holdings[symbol].is_positive();
    if (held && change_bps < -threshold_bps_) {
      orders.push_back({symbol, OrderSide::kSell, agent.holdings[symbol], std::nullopt});
    } else if (held) {
      ++positions;
    } else if (change_bps > best_bps) {
      best = symbol;
      best_bps = change_bps;
    }
  }
  if (best && positions < kMaxPositions) {
    Money budget =
        std::min(agent.buying_power, Money::from_micros(agent.equity.micros() / kMaxPositions));
    Quantity shares = affordable_shares(budget, market.price(*best));
    if (shares.is_positive()) orders.push_back({*best, OrderSide::kBuy, shares, std::nullopt});
  }
  return orders;
}

}  // namespace fafnir
