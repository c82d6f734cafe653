#pragma once

#include "core/common/status.h"

namespace fafnir {

// Whether this process is the one that drives the shared market: reacts to price moves and
// session closes for every node (wakes crossed resting orders, expires DAY orders). Nodes that do
// not lead still serve quotes, orders and accounts. Implementations are thread-safe.
class MarketLeadership {
 public:
  virtual ~MarketLeadership() = default;

  // True while this process holds the lead; when no process holds it, tries to take it first.
  // A process that loses its hold (e.g. its connection to the shared server dropped) answers false
  // or an error, and may take the lead again later. Errors mean "not the leader now".
  virtual Result<bool> hold_or_take() = 0;
};

// The leadership of a process that shares its market with no one: it always leads.
class SoleMarketLeadership final : public MarketLeadership {
 public:
  Result<bool> hold_or_take() override { return true; }
};

}  // namespace fafnir
