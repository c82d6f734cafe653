#pragma once

#include <string>

#include "sim/simulation_report.h"
#include "sim/simulation_result.h"

namespace fafnir {

// A standalone SVG line chart (960 x 540) of the equity of the best, median and worst agents and
// of the market index over the run: title, axes with tick labels (dates and US dollars), axis
// titles and a legend.
std::string equity_chart_svg(const SimulationResult& result, const SimulationReport& report);

}  // namespace fafnir
