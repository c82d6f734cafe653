#pragma once

#include <vector>

namespace fafnir {

// Risk and return of one equity curve. Computed in double: these are report statistics, never
// money.
struct EquityStats {
  double total_return = 0;  // last / first - 1
  double volatility = 0;    // sample standard deviation of the period returns, annualized
  double sharpe = 0;        // mean period return / its standard deviation, annualized (no
                            // risk-free rate); 0 when the returns do not vary
  double max_drawdown = 0;  // the largest fall from a running peak, as a fraction of that peak
};

// Statistics of `equity`, sampled `periods_per_year` times a year. All zero for fewer than two
// samples. REQUIRES: every sample is positive.
EquityStats equity_stats(const std::vector<double>& equity, double periods_per_year);

}  // namespace fafnir
