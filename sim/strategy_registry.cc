#include "sim/strategy_registry.h"

#include "core/common/text.h"
#include "sim/buy_and_hold_strategy.h"
#include "sim/mean_reversion_strategy.h"
#include "sim/momentum_strategy.h"
#include "sim/random_strategy.h"
#include "sim/seeded_random.h"

namespace fafnir {

const std::vector<std::string>& strategy_names() {
  static const std::vector<std::string> kNames{
      std::string(BuyAndHoldStrategy::kName), std::string(RandomStrategy::kName),
      std::string(MomentumStrategy::kName), std::string(MeanReversionStrategy::kName)};
  return kNames;
}

Status check_strategy_name(std::string_view name) {
  std::string known;
  for (const std::string& each : strategy_names()) {
    if (each == name) return Status::Ok();
    known += (known.empty() ? "" : ", ") + each;
  }
  return Status::InvalidArgument("unknown strategy '" + std::string(name) + "' (known: " + known +
                                 ")");
}

Result<std::unique_ptr<Strategy>> make_strategy(std::string_view name, std::mt19937_64& rng) {
  FAFNIR_RETURN_IF_ERROR(check_strategy_name(name));
  std::unique_ptr<Strategy> strategy;
  if (name == BuyAndHoldStrategy::kName) {
    strategy = std::make_unique<BuyAndHoldStrategy>();
  } else if (name == RandomStrategy::kName) {
    strategy = std::make_unique<RandomStrategy>();
  } else if (name == MomentumStrategy::kName) {
    std::size_t lookback = 2 + draw_below(rng, 7);                             // 2-8 decisions
    auto threshold_bps = static_cast<std::int64_t>(10 + draw_below(rng, 41));  // 0.1-0.5%
    strategy = std::make_unique<MomentumStrategy>(lookback, threshold_bps);
  } else {
    std::size_t window = 4 + draw_below(rng, 13);                         // 4-16 decisions
    auto band_bps = static_cast<std::int64_t>(20 + draw_below(rng, 61));  // 0.2-0.8%
    strategy = std::make_unique<MeanReversionStrategy>(window, band_bps);
  }
  return strategy;
}

Result<std::vector<std::string>> parse_strategy_list(std::string_view text) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = text.find(',', start);
    std::string_view entry =
        trim(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (entry.empty()) {
      return Status::InvalidArgument("empty strategy name in '" + std::string(text) + "'");
    }
    FAFNIR_RETURN_IF_ERROR(check_strategy_name(entry));
    names.emplace_back(entry);
    if (comma == std::string_view::npos) return names;
    start = comma + 1;
  }
}

}  // namespace fafnir
