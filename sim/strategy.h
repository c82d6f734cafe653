#pragma once

#include <cstddef>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/fixed_point.h"
#include "core/order/order.h"

namespace fafnir {

// The market as an agent sees it at one decision point.
struct MarketView {
  std::vector<std::string> symbols;
  // Per symbol (parallel to `symbols`): its price at the latest decision points, oldest first;
  // back() is the current price. Every series has the same length, at least 1.
  std::vector<std::vector<Price>> history;

  Price price(std::size_t symbol) const { return history[symbol].back(); }
  std::size_t samples() const { return history.empty() ? 0 : history.front().size(); }
};

// The agent's own INVESTMENT account at the same instant.
struct AgentView {
  Money buying_power;              // cash not held for open buy orders
  Money equity;                    // cash plus the holdings at current prices
  std::vector<Quantity> holdings;  // shares per symbol, parallel to MarketView::symbols
};

// One order the agent wants placed: a market order unless `limit` is given (then a DAY limit).
struct OrderIntent {
  std::size_t symbol = 0;  // index into MarketView::symbols
  OrderSide side = OrderSide::kBuy;
  Quantity quantity;
  std::optional<Price> limit;
};

// A trading rule. One instance per agent, so it may keep state between decisions. All
// randomness comes from `rng` (the agent's own seeded generator); decisions are otherwise a pure
// function of the views, so a simulation is reproducible. Not thread-safe.
class Strategy {
 public:
  virtual ~Strategy() = default;

  // The registry name, e.g. "momentum".
  virtual std::string_view name() const = 0;

  // Orders to place now, in order. Buys should fit `agent.buying_power` (one that does not is
  // rejected by the platform, as for any user); sells should not exceed the holdings.
  virtual std::vector<OrderIntent> decide(const MarketView& market, const AgentView& agent,
                                          std::mt19937_64& rng) = 0;
};

// Whole shares that `cash` buys at `price` (zero when it buys none). REQUIRES: price > 0.
Quantity affordable_shares(Money cash, Price price);

// `money` scaled by `percent` / 100, rounded down to the micro.
Money percent_of(Money money, std::int64_t percent);

}  // namespace fafnir
