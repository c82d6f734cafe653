#pragma once

#include <string>
#include <string_view>

#include "core/common/currency.h"
#include "core/common/fixed_point.h"
#include "core/common/status.h"
#include "core/order/order.h"
#include "core/portfolio/account.h"

namespace fafnir {

// The outcome of asking to hold funds or shares for an order: a business answer, not an error.
struct ReservationOutcome {
  bool accepted = false;
  std::string reason;  // when refused: "insufficient funds", "insufficient holdings", ...
};

// What the order service and trade engine may ask of the portfolio service. Thread-safe.
class TradingAccounts {
 public:
  virtual ~TradingAccounts() = default;

  // The INVESTMENT account that settles `user_id`'s orders in `instrument_currency`: the oldest
  // one in that currency, else the oldest one. NotFound when the user has none.
  virtual Result<Account> settlement_account(std::string_view user_id,
                                             Currency instrument_currency) = 0;

  // Holds `cash` (a buy) or `shares` of `order.symbol` (a sell) in `order.account_id` for the
  // order. Idempotent per order id: a second call answers as the first did.
  virtual Result<ReservationOutcome> reserve(const Order& order, Money cash) = 0;

  // Raises the order's cash reservation to at least `cash` when buying power allows; refuses
  // with reason "insufficient funds" otherwise, leaving the reservation unchanged.
  virtual Result<ReservationOutcome> cover(const Order& order, Money cash) = 0;
};

}  // namespace fafnir
