#pragma once

#include <optional>
#include <string>

#include "scenario/scenario.h"
#include "scenario/scenario_world.h"

namespace fafnir {

// What one step did: its result, a one-line account of it for the report, and what it acted on
// (for the expectations that leave it implicit).
struct StepEffect {
  Status status;
  std::string summary;
  std::optional<ScenarioWorld::OrderRef> order;
  std::string order_name;  // the order's label, else "the step's order"
  std::string account;     // "user.label"
  std::string user;        // name
};

// Performs the step's action on `world`. Events are not settled here.
StepEffect execute_step(ScenarioWorld& world, const Step& step);

}  // namespace fafnir
