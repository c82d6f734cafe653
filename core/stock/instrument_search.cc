#include "core/stock/instrument_search.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "core/common/text.h"

namespace fafnir {
namespace {

bool is_word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// True when `needle` occurs in `haystack` at the start of a word.
bool has_word_prefix(const std::string& haystack, const std::string& needle) {
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    if (at == 0 || !is_word_char(haystack[at - 1])) return true;
  }
  return false;
}

}  // namespace

std::vector<Instrument> search_instruments(const std::vector<Instrument>& universe,
                                           std::string_view text, std::size_t limit) {
  const std::string query = to_upper(trim(text));
  if (query.empty() || limit == 0) return {};
  std::vector<std::tuple<int, std::size_t, std::string, const Instrument*>> ranked;
  for (const Instrument& instrument : universe) {
    const std::string name = to_upper(instrument.name);
    int rank = -1;
    if (instrument.symbol == query) {
      rank = 0;
    } else if (instrument.symbol.starts_with(query)) {
      rank = 1;
    } else if (has_word_prefix(name, query)) {
      rank = 2;
    } else if (instrument.symbol.find(query) != std::string::npos ||
               name.find(query) != std::string::npos) {
      rank = 3;
    }
    if (rank >= 0) {
      ranked.emplace_back(rank, instrument.symbol.size(), instrument.symbol, &instrument);
    }
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<Instrument> found;
  for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) {
    found.push_back(*std::get<3>(ranked[i]));
  }
  return found;
}

}  // namespace fafnir
