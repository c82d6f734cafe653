#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/stock/instrument.h"

namespace fafnir {

// The instruments of `universe` matching `text` (trimmed; any letter case), best first: the exact
// symbol, then symbol prefixes, then names with a word starting with the text, then symbols or
// names containing it; ties go to the shorter, then alphabetically first, symbol. At most `limit`
// results; none for blank text.
std::vector<Instrument> search_instruments(const std::vector<Instrument>& universe,
                                           std::string_view text, std::size_t limit);

}  // namespace fafnir
