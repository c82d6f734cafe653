#include "sim/equity_stats.h"

#include <algorithm>
#include <cmath>

namespace fafnir {

EquityStats equity_stats(const std::vector<double>& equity, double periods_per_year) {
  EquityStats stats;
  if (equity.size() < 2) return stats;
  stats.total_return = equity.back() / equity.front() - 1;

  std::vector<double> returns;
  double peak = equity.front();
  for (std::size_t i = 1; i < equity.size(); ++i) {
    returns.push_back(equity[i] / equity[i - 1] - 1);
    peak = std::max(peak, equity[i]);
    stats.max_drawdown = std::max(stats.max_drawdown, (peak - equity[i]) / peak);
  }
  double mean = 0;
  for (double r : returns) mean += r;
  mean /= static_cast<double>(returns.size());
  if (returns.size() < 2) return stats;
  double squares = 0;
  for (double r : returns) squares += (r - mean) * (r - mean);
  double deviation = std::sqrt(squares / static_cast<double>(returns.size() - 1));
  double annualizer = std::sqrt(periods_per_year);
  stats.volatility = deviation * annualizer;
  // Below 1e-12 the returns are rounding noise on a flat curve.
  if (deviation > 1e-12) stats.sharpe = mean / deviation * annualizer;
  return stats;
}

}  // namespace fafnir
