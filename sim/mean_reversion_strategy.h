#pragma once

#include "sim/strategy.h"

namespace fafnir {

// Bets on prices returning to their mean over the last `window` decision points: buys the symbol
// furthest below its mean (by more than `band_bps`) that it does not hold, with a quarter of its
// equity (capped by its buying power), and sells the whole of a holding once its price is back
// at or above the mean. Does nothing until it has seen `window` prices.
class MeanReversionStrategy final : public Strategy {
 public:
  static constexpr std::string_view kName = "mean-reversion";

  // REQUIRES: window > 0, band_bps >= 0.
  explicit MeanReversionStrategy(std::size_t window = 8, std::int64_t band_bps = 40)
      : window_(window), band_bps_(band_bps) {}

  std::string_view name() const override { return kName; }
  std::vector<OrderIntent> decide(const MarketView& market, const AgentView& agent,
                                  std::mt19937_64& rng) override;

 private:
  std::size_t window_;
  std::int64_t band_bps_;
};

}  // namespace fafnir
