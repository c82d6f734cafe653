#include "core/stock/ohlcv_csv.h"

#include <algorithm>
#include <map>
#include <string>

#include "core/common/text.h"
#include "core/stock/trading_days.h"

namespace fafnir {
namespace {

constexpr std::string_view kColumns[] = {"date", "open", "high", "low", "close", "volume"};
constexpr std::size_t kColumnCount = 6;
constexpr std::int64_t kMaxVolume = 1'000'000'000'000'000;

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = line.find(',', start);
    fields.push_back(trim(
        line.substr(start, comma == std::string_view::npos ? line.size() - start : comma - start)));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

Status bad_line(std::size_t line, std::string_view why) {
  return Status::InvalidArgument("CSV line " + std::to_string(line) + ": " + std::string(why));
}

Status bad_field(std::size_t line, std::size_t column, std::string_view why) {
  return Status::InvalidArgument("CSV line " + std::to_string(line) + ", column " +
                                 std::to_string(column + 1) + " (" + std::string(kColumns[column]) +
                                 "): " + std::string(why));
}

Result<std::int64_t> parse_volume(std::string_view text) {
  if (text.empty() || text.size() > 16 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidArgument(
        std::string("'").append(text).append("' is not a whole number of shares"));
  }
  std::int64_t volume = std::stoll(std::string(text));
  if (volume > kMaxVolume) {
    return Status::InvalidArgument("volume " + std::string(text) + " is too large");
  }
  return volume;
}

}  // namespace

Result<std::vector<ImportedBar>> parse_ohlcv_csv(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  if (lines.empty()) return Status::InvalidArgument("CSV is empty; expected a header line");

  std::vector<std::string_view> header = split(lines[0]);
  bool header_ok = header.size() == kColumnCount;
  for (std::size_t c = 0; header_ok && c < kColumnCount; ++c) {
    header_ok = to_lower(header[c]) == kColumns[c];
  }
  if (!header_ok) return bad_line(1, "expected the header 'date,open,high,low,close,volume'");
  if (lines.size() == 1) return Status::InvalidArgument("CSV has a header but no bars");

  std::map<std::int64_t, std::size_t> line_of_day;
  std::vector<std::pair<std::int64_t, ImportedBar>> bars;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t line = i + 1;
    std::vector<std::string_view> fields = split(lines[i]);
    if (fields.size() != kColumnCount) {
      return bad_line(line, "expected 6 columns, found " + std::to_string(fields.size()));
    }
    Result<std::int64_t> day = parse_date(fields[0]);
    if (!day.ok()) return bad_field(line, 0, day.status().message());
    if (!is_weekday(*day)) {
      return bad_field(line, 0,
                       std::string(fields[0]) + " is a weekend day; bars exist for weekdays only");
    }
    auto [previous, inserted] = line_of_day.emplace(*day, line);
    if (!inserted) {
      return bad_field(line, 0,
                       "duplicate date " + std::string(fields[0]) + " (first on line " +
                           std::to_string(previous->second) + ")");
    }
    Price prices[4];
    for (std::size_t c = 1; c <= 4; ++c) {
      Result<Price> price = Price::parse(fields[c]);
      if (!price.ok()) return bad_field(line, c, price.status().message());
      if (!price->is_positive()) return bad_field(line, c, "price must be positive");
      prices[c - 1] = *price;
    }
    const Price open = prices[0], high = prices[1], low = prices[2], close = prices[3];
    if (high < std::max(open, close)) {
      return bad_field(line, 2, "high " + high.format() + " is below the open or the close");
    }
    if (low > std::min(open, close)) {
      return bad_field(line, 3, "low " + low.format() + " is above the open or the close");
    }
    Result<std::int64_t> volume = parse_volume(fields[5]);
    if (!volume.ok()) return bad_field(line, 5, volume.status().message());
    bars.push_back({*day, ImportedBar{std::string(fields[0]), open, high, low, close, *volume}});
  }
  std::sort(bars.begin(), bars.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ImportedBar> sorted;
  sorted.reserve(bars.size());
  for (auto& [day, bar] : bars) sorted.push_back(std::move(bar));
  return sorted;
}

}  // namespace fafnir
