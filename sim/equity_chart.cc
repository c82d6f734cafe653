#include "sim/equity_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fafnir {
namespace {

constexpr double kWidth = 960, kHeight = 540;
constexpr double kLeft = 100, kTop = 70, kRight = 700, kBottom = 460;  // the plot area
constexpr double kLegendX = 725;

struct Series {
  std::string label;
  std::string detail;  // the legend's second line
  std::string color;
  bool dashed = false;
  std::vector<double> values;
};

std::string number(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// "$102,500" (or "$1,234.50" when `decimals` is 2).
std::string dollars(double value, int decimals) {
  std::string digits = number(std::fabs(value), decimals);
  std::size_t point = digits.find('.');
  std::size_t integer_end = point == std::string::npos ? digits.size() : point;
  std::string grouped;
  for (std::size_t i = 0; i < integer_end; ++i) {
    if (i > 0 && (integer_end - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return (value < 0 ? "-$" : "$") + grouped + digits.substr(integer_end);
}

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// 1, 2 or 5 times a power of ten, near `rough`.
double nice_step(double rough) {
  double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  double fraction = rough / magnitude;
  double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * magnitude;
}

// "Jan 5" from the RFC 3339 form.
std::string day_label(Timestamp t) {
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string text = format_rfc3339(t);
  int month = std::stoi(text.substr(5, 2));
  int day = std::stoi(text.substr(8, 2));
  return std::string(kMonths[month - 1]) + ' ' + std::to_string(day);
}

std::string text_element(double x, double y, const std::string& anchor, const std::string& text,
                         const std::string& extra = "") {
  return "<text x=\"" + number(x, 1) + "\" y=\"" + number(y, 1) + "\" text-anchor=\"" + anchor +
         "\"" + extra + ">" + escaped(text) + "</text>\n";
}

std::string line_element(double x1, double y1, double x2, double y2, const std::string& style) {
  return "<line x1=\"" + number(x1, 1) + "\" y1=\"" + number(y1, 1) + "\" x2=\"" + number(x2, 1) +
         "\" y2=\"" + number(y2, 1) + "\" " + style + "/>\n";
}

std::string dash_of(const Series& series) {
  return series.dashed ? " stroke-dasharray=\"6 4\"" : "";
}

std::string percent(double fraction) {
  return (fraction >= 0 ? "+" : "") + number(fraction * 100, 2) + "%";
}

std::vector<Series> chart_series(const SimulationResult& result, const SimulationReport& report) {
  std::vector<Series> series;
  series.push_back({"market index", "equal-weight, " + percent(report.market.stats.total_return),
                    "#6b7280", true, report.market.index});
  struct Role {
    const char* name;
    std::size_t agent;
    const char* color;
  };
  const Role roles[] = {{"best", report.ranking.back(), "#16a34a"},
                        {"median", report.ranking[(report.ranking.size() - 1) / 2], "#2563eb"},
                        {"worst", report.ranking.front(), "#dc2626"}};
  std::vector<std::size_t> shown;
  for (const Role& role : roles) {
    if (std::find(shown.begin(), shown.end(), role.agent) != shown.end()) continue;
    shown.push_back(role.agent);
    const AgentSummary& agent = report.agents[role.agent];
    std::vector<double> values;
    for (Money money : result.agents[role.agent].equity) values.push_back(money.to_double());
    series.push_back({std::string(role.name) + ": " + agent.name,
                      agent.strategy + ", " + percent(agent.stats.total_return), role.color, false,
                      std::move(values)});
  }
  return series;
}

}  // namespace

std::string equity_chart_svg(const SimulationResult& result, const SimulationReport& report) {
  std::vector<Series> series = chart_series(result, report);
  double low = series.front().values.front(), high = low;
  for (const Series& each : series) {
    for (double value : each.values) {
      low = std::min(low, value);
      high = std::max(high, value);
    }
  }
  double pad = std::max((high - low) * 0.05, 1.0);
  low -= pad;
  high += pad;
  double step = nice_step((high - low) / 6);
  int decimals = step < 1 ? 2 : 0;
  std::size_t samples = result.times.size();
  auto x_of = [&](std::size_t sample) {
    if (samples < 2) return (kLeft + kRight) / 2;
    return kLeft +
           (kRight - kLeft) * static_cast<double>(sample) / static_cast<double>(samples - 1);
  };
  auto y_of = [&](double value) {
    return kBottom - (kBottom - kTop) * (value - low) / (high - low);
  };

  const SimulationOptions& options = result.options;
  std::string svg =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"540\" "
      "viewBox=\"0 0 960 540\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
      "<rect x=\"0\" y=\"0\" width=\"" +
      number(kWidth, 0) + "\" height=\"" + number(kHeight, 0) + "\" fill=\"#ffffff\"/>\n";
  svg += text_element(kWidth / 2, 30, "middle",
                      "fafnir simulation: equity of the best, median and worst agents",
                      " font-size=\"18\" font-weight=\"bold\"");
  svg += text_element(kWidth / 2, 50, "middle",
                      std::to_string(options.agents) + " agents, " + std::to_string(options.days) +
                          " trading days, seed " + std::to_string(options.seed),
                      " fill=\"#4b5563\"");

  // Horizontal grid with dollar labels.
  for (double tick = std::ceil(low / step) * step; tick <= high; tick += step) {
    double y = y_of(tick);
    svg += line_element(kLeft, y, kRight, y, "stroke=\"#e5e7eb\"");
    svg += text_element(kLeft - 8, y + 4, "end", dollars(tick, decimals));
  }
  // A tick at each shown day's open, labelled with its date.
  std::size_t per_day = static_cast<std::size_t>(options.decisions_per_day);
  std::size_t every = static_cast<std::size_t>((options.days + 9) / 10);
  for (std::size_t day = 0; day < static_cast<std::size_t>(options.days); day += every) {
    std::size_t sample = day * per_day;
    if (sample >= samples) break;
    double x = x_of(sample);
    svg += line_element(x, kTop, x, kBottom, "stroke=\"#f3f4f6\"");
    svg += line_element(x, kBottom, x, kBottom + 5, "stroke=\"#374151\"");
    svg += text_element(x, kBottom + 20, "middle", day_label(result.times[sample]));
  }
  svg += line_element(kLeft, kBottom, kRight, kBottom, "stroke=\"#374151\"");
  svg += line_element(kLeft, kTop, kLeft, kBottom, "stroke=\"#374151\"");
  svg += text_element((kLeft + kRight) / 2, kBottom + 45, "middle",
                      "Trading day (ticks at the New York open)", " font-size=\"13\"");
  svg += text_element(
      25, (kTop + kBottom) / 2, "middle", "Equity (USD)",
      " font-size=\"13\" transform=\"rotate(-90 25 " + number((kTop + kBottom) / 2, 1) + ")\"");

  double legend_y = kTop + 10;
  svg += text_element(kLegendX, legend_y, "start", "Legend", " font-weight=\"bold\"");
  // Agents first, so the (dashed) market index is drawn on top of a curve that follows it.
  for (auto each = series.rbegin(); each != series.rend(); ++each) {
    std::string points;
    for (std::size_t i = 0; i < each->values.size(); ++i) {
      points += (i == 0 ? "" : " ") + number(x_of(i), 1) + ',' + number(y_of(each->values[i]), 1);
    }
    svg += "<polyline fill=\"none\" stroke=\"" + each->color + "\" stroke-width=\"2\"" +
           dash_of(*each) + " points=\"" + points + "\"/>\n";
  }
  for (const Series& each : series) {
    legend_y += 28;
    svg += line_element(kLegendX, legend_y - 4, kLegendX + 24, legend_y - 4,
                        "stroke=\"" + each.color + "\" stroke-width=\"2\"" + dash_of(each));
    svg += text_element(kLegendX + 32, legend_y, "start", each.label);
    legend_y += 15;
    svg += text_element(kLegendX + 32, legend_y, "start", each.detail, " fill=\"#4b5563\"");
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace fafnir
