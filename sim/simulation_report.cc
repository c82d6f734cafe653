#include "sim/simulation_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>

#include "sim/equity_chart.h"

namespace fafnir {
namespace {

constexpr double kTradingDaysPerYear = 252;

// Adding 0.0 turns -0.0 into 0.0.
double rounded(double value, double scale) { return std::round(value * scale) / scale + 0.0; }
double statistic(double value) { return rounded(value, 1e6); }

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::vector<double> as_doubles(const std::vector<Money>& equity) {
  std::vector<double> values;
  for (Money money : equity) values.push_back(money.to_double());
  return values;
}

std::vector<double> market_index(const SimulationResult& result) {
  std::vector<double> index;
  const std::vector<Price>& first = result.prices.front();
  double start = result.options.starting_cash.to_double();
  for (const std::vector<Price>& prices : result.prices) {
    double sum = 0;
    for (std::size_t i = 0; i < prices.size(); ++i) {
      sum += static_cast<double>(prices[i].micros()) / static_cast<double>(first[i].micros());
    }
    index.push_back(start * sum / static_cast<double>(prices.size()));
  }
  return index;
}

nlohmann::json stats_json(const EquityStats& stats) {
  return {{"return", statistic(stats.total_return)},
          {"volatility", statistic(stats.volatility)},
          {"sharpe", statistic(stats.sharpe)},
          {"maxDrawdown", statistic(stats.max_drawdown)}};
}

Status write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return Status::Internal("could not write " + path.string());
  return Status::Ok();
}

}  // namespace

SimulationReport summarize_simulation(const SimulationResult& result) {
  double periods_per_year = kTradingDaysPerYear * result.options.decisions_per_day;
  SimulationReport report;
  for (const AgentRecord& agent : result.agents) {
    report.agents.push_back({agent.name, agent.strategy, agent.equity.back(),
                             equity_stats(as_doubles(agent.equity), periods_per_year), agent.trades,
                             agent.orders});
  }
  report.ranking.resize(report.agents.size());
  std::iota(report.ranking.begin(), report.ranking.end(), 0);
  std::stable_sort(report.ranking.begin(), report.ranking.end(), [&](std::size_t a, std::size_t b) {
    return report.agents[a].stats.total_return < report.agents[b].stats.total_return;
  });
  report.market.index = market_index(result);
  report.market.stats = equity_stats(report.market.index, periods_per_year);
  return report;
}

nlohmann::json report_json(const SimulationResult& result, const SimulationReport& report) {
  const SimulationOptions& options = result.options;
  nlohmann::json agents = nlohmann::json::array();
  for (const AgentSummary& agent : report.agents) {
    nlohmann::json entry = stats_json(agent.stats);
    entry["name"] = agent.name;
    entry["strategy"] = agent.strategy;
    entry["finalEquity"] = agent.final_equity.to_double();
    entry["trades"] = agent.trades;
    entry["orders"] = agent.orders;
    agents.push_back(std::move(entry));
  }
  nlohmann::json market = stats_json(report.market.stats);
  market["symbols"] = options.symbols;
  market["indexStart"] = rounded(report.market.index.front(), 100);
  market["indexEnd"] = rounded(report.market.index.back(), 100);
  std::int64_t orders = 0, trades = 0;
  for (const AgentSummary& agent : report.agents) {
    orders += agent.orders;
    trades += agent.trades;
  }
  return {{"parameters",
           {{"agents", options.agents},
            {"days", options.days},
            {"seed", options.seed},
            {"strategies", options.strategies},
            {"decisionsPerDay", options.decisions_per_day},
            {"startingCash", options.starting_cash.to_double()},
            {"start", format_rfc3339(result.times.front())},
            {"end", format_rfc3339(result.times.back())}}},
          {"market", std::move(market)},
          {"totals", {{"orders", orders}, {"trades", trades}}},
          {"agents", std::move(agents)}};
}

std::string report_csv(const SimulationReport& report) {
  std::string csv =
      "name,strategy,final_equity,return,volatility,sharpe,max_drawdown,trades,orders\n";
  for (const AgentSummary& agent : report.agents) {
    csv += agent.name + ',' + agent.strategy + ',' + agent.final_equity.format(2) + ',' +
           fixed(agent.stats.total_return, 6) + ',' + fixed(agent.stats.volatility, 6) + ',' +
           fixed(agent.stats.sharpe, 6) + ',' + fixed(agent.stats.max_drawdown, 6) + ',' +
           std::to_string(agent.trades) + ',' + std::to_string(agent.orders) + '\n';
  }
  return csv;
}

Status write_simulation_report(const SimulationResult& result, const SimulationReport& report,
                               const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return Status::Internal("could not create " + dir.string() + ": " + error.message());
  FAFNIR_RETURN_IF_ERROR(
      write_file(dir / "report.json", report_json(result, report).dump(2) + "\n"));
  FAFNIR_RETURN_IF_ERROR(write_file(dir / "report.csv", report_csv(report)));
  return write_file(dir / "equity.svg", equity_chart_svg(result, report));
}

}  // namespace fafnir
