#pragma once

#include <vector>

#include "core/stock/instrument.h"

namespace fafnir {

// The instruments shipped with fafnir: US listings in USD (NASDAQ, NYSE, NYSE Arca equities and
// ETFs), Canadian listings in CAD (TSX equities and ETFs), and non-tradable indexes and mutual
// funds. Symbols are upper case and unique. Built once; thread-safe.
const std::vector<Instrument>& instrument_universe();

}  // namespace fafnir
