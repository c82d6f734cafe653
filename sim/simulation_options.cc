#include "sim/simulation_options.h"

namespace fafnir {

Status validate_simulation_options(const SimulationOptions& options) {
  if (options.agents < 1 || options.agents > 10'000) {
    return Status::InvalidArgument("--agents must be between 1 and 10000");
  }
  if (options.days < 1 || options.days > 260) {
    return Status::InvalidArgument("--days must be between 1 and 260");
  }
  if (options.decisions_per_day < 1 || options.decisions_per_day > 390) {
    return Status::InvalidArgument("decisions per day must be between 1 and 390");
  }
  if (options.strategies.empty()) return Status::InvalidArgument("--strategies is empty");
  for (const std::string& name : options.strategies) {
    FAFNIR_RETURN_IF_ERROR(check_strategy_name(name));
  }
  if (options.symbols.empty()) return Status::InvalidArgument("no symbols to trade");
  if (!options.starting_cash.is_positive()) {
    return Status::InvalidArgument("the starting cash must be positive");
  }
  return Status::Ok();
}

}  // namespace fafnir
