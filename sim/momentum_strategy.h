#pragma once

#include "sim/strategy.h"

namespace fafnir {

// Follows trends over the last `lookback` decision points: sells the whole of any holding whose
// price fell more than `threshold_bps` over that span, and buys the strongest riser (up more than
// `threshold_bps`) it does not hold yet with a third of its equity (capped by its buying power),
// holding at most three symbols. Does nothing until it has seen lookback + 1 prices.
class MomentumStrategy final : public Strategy {
 public:
  static constexpr std::string_view kName = "momentum";

  // REQUIRES: lookback > 0, threshold_bps >= 0.
  explicit MomentumStrategy(std::size_t lookback = 4, std::int64_t threshold_bps = 30)
      : lookback_(lookback), threshold_bps_(threshold_bps) {}

  std::string_view name() const override { return kName; }
  std::vector<OrderIntent> decide(const MarketView& market, const AgentView& agent,
                                  std::mt19937_64& rng) override;

 private:
  std::size_t lookback_;
  std::int64_t threshold_bps_;
};

}  // namespace fafnir
