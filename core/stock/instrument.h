#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/currency.h"
#include "core/common/fixed_point.h"

namespace fafnir {

enum class InstrumentType { kEquity, kEtf, kIndex, kMutualFund };

// "EQUITY", "ETF", "INDEX", "MUTUALFUND".
std::string_view instrument_type_name(InstrumentType type);

struct Instrument {
  std::string symbol;  // upper case, e.g. "AAPL", "SHOP.TO"
  std::string name;
  std::string exchange;            // e.g. "NASDAQ", "TSX"
  std::string exchange_full_name;  // e.g. "NASDAQ Global Select", "Toronto Stock Exchange"
  Currency currency = Currency::kUsd;
  InstrumentType type = InstrumentType::kEquity;
  Price tick = Price::from_micros(10'000);  // prices are multiples of this (0.01)
  std::int64_t shares_outstanding = 0;      // for market capitalization
  Price base_price;                         // model price at the start of simulated time
  double annual_drift = 0.0;                // model parameters; prices themselves are exact
  double annual_volatility = 0.2;

  // Only EQUITY and ETF can be ordered.
  bool tradable() const { return type == InstrumentType::kEquity || type == InstrumentType::kEtf; }
};

}  // namespace fafnir
