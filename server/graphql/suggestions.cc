#include "server/graphql/suggestions.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>

namespace fafnir::graphql {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::size_t> lexical_distance(std::string_view input, std::string_view option,
                                            std::size_t threshold) {
  if (input == option) return 0;
  std::string a = lower(option);
  std::string b = lower(input);
  if (a == b) return 1;
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > threshold) return std::nullopt;
  std::array<std::vector<std::size_t>, 3> rows;
  for (auto& row : rows) row.assign(b.size() + 1, 0);
  for (std::size_t j = 0; j <= b.size(); ++j) rows[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::vector<std::size_t>& up = rows[(i - 1) % 3];
    std::vector<std::size_t>& current = rows[i % 3];
    current[0] = i;
    std::size_t smallest = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t cell = std::min({up[j] + 1, current[j - 1] + 1, up[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cell = std::min(cell, rows[(i - 2) % 3][j - 2] + 1);
      }
      smallest = std::min(smallest, cell);
      current[j] = cell;
    }
    if (smallest > threshold) return std::nullopt;
  }
  const std::size_t distance = rows[a.size() % 3][b.size()];
  if (distance > threshold) return std::nullopt;
  return distance;
}

}  // namespace

std::vector<std::string> suggestion_list(std::string_view input,
                                         const std::vector<std::string_view>& options) {
  const std::size_t threshold = input.size() * 4 / 10 + 1;
  std::vector<std::pair<std::size_t, std::string_view>> close;
  for (std::string_view option : options) {
    if (const auto distance = lexical_distance(input, option, threshold)) {
      close.emplace_back(*distance, option);
    }
  }
  std::sort(close.begin(), close.end());
  close.erase(std::unique(close.begin(), close.end()), close.end());
  std::vector<std::string> names;
  for (const auto& [distance, name] : close) names.emplace_back(name);
  return names;
}

std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view what) {
  if (suggestions.empty()) return "";
  std::string message = " Did you mean ";
  if (!what.empty()) message.append(what).append(" ");
  const std::size_t count = std::min<std::size_t>(suggestions.size(), 5);
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) message += count == 2 ? " or " : (i + 1 == count ? ", or " : ", ");
    message += "\"" + suggestions[i] + "\"";
  }
  return message + "?";
}

}  // namespace fafnir::graphql
