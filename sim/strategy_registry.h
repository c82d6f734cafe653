#pragma once

#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "sim/strategy.h"

namespace fafnir {

// The bundled strategies' names: "buy-and-hold", "random", "momentum", "mean-reversion".
const std::vector<std::string>& strategy_names();

// InvalidArgument listing the known names unless `name` is one of them.
Status check_strategy_name(std::string_view name);

// A fresh instance of the named strategy. Its parameters (momentum's lookback and threshold,
// mean reversion's window and band) are drawn from `rng`, so agents sharing a strategy still
// differ. InvalidArgument as check_strategy_name().
Result<std::unique_ptr<Strategy>> make_strategy(std::string_view name, std::mt19937_64& rng);

// Parses a comma-separated list of strategy names ("random, momentum"), keeping order and
// repeats. InvalidArgument for an empty list or entry, or an unknown name.
Result<std::vector<std::string>> parse_strategy_list(std::string_view text);

}  // namespace fafnir
