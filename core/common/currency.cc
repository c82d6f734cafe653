#include "core/common/currency.h"

#include "core/common/text.h"

namespace fafnir {

std::string_view currency_code(Currency currency) {
  return currency == Currency::kUsd ? "USD" : "CAD";
}

Result<Currency> parse_currency(std::string_view text) {
  std::string code = to_upper(text);
  if (code == "USD") return Currency::kUsd;
  if (code == "CAD") return Currency::kCad;
  return Status::InvalidArgument("unknown currency '" + std::string(text) + "' (use USD or CAD)");
}

}  // namespace fafnir
