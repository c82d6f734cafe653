#include "sim/random_strategy.h"

#include "sim/seeded_random.h"

namespace fafnir {
namespace {

constexpr std::uint64_t kTradePercent = 40;
constexpr std::int64_t kTick = 10'000;  // 0.01, the tick of the simulated symbols

}  // namespace

std::vector<OrderIntent> RandomStrategy::decide(const MarketView& market, const AgentView& agent,
                                                std::mt19937_64& rng) {
  std::vector<OrderIntent> orders;
  if (market.symbols.empty() || draw_below(rng, 100) >= kTradePercent) return orders;
  std::size_t symbol = draw_below(rng, market.symbols.size());
  Quantity held = agent.holdings[symbol];
  if (held.is_positive() && draw_below(rng, 2) == 0) {
    std::uint64_t whole = static_cast<std::uint64_t>(held.micros() / kMicrosPerUnit);
    if (whole == 0) return orders;
    auto shares = static_cast<std::int64_t>(1 + draw_below(rng, whole));
    orders.push_back(
        {symbol, OrderSide::kSell, Quantity::from_micros(shares * kMicrosPerUnit), std::nullopt});
    return orders;
  }
  Money budget = percent_of(agent.buying_power, 5 + static_cast<std::int64_t>(draw_below(rng, 16)));
  std::optional<Price> limit;
  Price price = market.price(symbol);
  if (draw_below(rng, 4) == 0) {
    limit = Price::from_micros(price.micros() / 1000 * 995 / kTick * kTick);
    price = *limit;
  }
  Quantity shares = affordable_shares(budget, price);
  if (shares.is_positive()) orders.push_back({symbol, OrderSide::kBuy, shares, limit});
  return orders;
}

}  // namespace fafnir
