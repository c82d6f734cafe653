#pragma once

#include "sim/strategy.h"

namespace fafnir {

// At its first decision, spends 98% of its buying power on equal amounts of every symbol with
// market orders, then never trades again.
class BuyAndHoldStrategy final : public Strategy {
 public:
  static constexpr std::string_view kName = "buy-and-hold";

  std::string_view name() const override { return kName; }
  std::vector<OrderIntent> decide(const MarketView& market, const AgentView& agent,
                                  std::mt19937_64& rng) override;

 private:
  bool invested_ = false;
};

}  // namespace fafnir
