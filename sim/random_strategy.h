#pragma once

#include "sim/strategy.h"

namespace fafnir {

// Trades at 40% of its decisions: picks a symbol at random, then sells a random number of the
// shares it holds of it (half the time, when it holds some) or buys with 5-20% of its buying
// power, a quarter of those buys as DAY limit orders 0.5% below the price.
class RandomStrategy final : public Strategy {
 public:
  static constexpr std::string_view kName = "random";

  std::string_view name() const override { return kName; }
  std::vector<OrderIntent> decide(const MarketView& market, const AgentView& agent,
                                  std::mt19937_64& rng) override;
};

}  // namespace fafnir
