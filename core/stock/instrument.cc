#include "core/stock/instrument.h"

namespace fafnir {

std::string_view instrument_type_name(InstrumentType type) {
  switch (type) {
    case InstrumentType::kEquity: return "EQUITY";
    case InstrumentType::kEtf: return "ETF";
    case InstrumentType::kIndex: return "INDEX";
    case InstrumentType::kMutualFund: return "MUTUALFUND";
  }
  return "EQUITY";
}

}  // namespace fafnir
