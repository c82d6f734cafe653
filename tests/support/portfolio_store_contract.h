#pragma once

#include "core/portfolio/portfolio_store.h"

namespace fafnir {

// The behaviour every PortfolioStore shares, as one story of Catch2 checks: accounts (unique ids,
// balance and reservation never negative, ordering by creation), the ledger, holdings (by symbol,
// removed when empty, reserved shares within the quantity), reservations, settled fills, the
// watchlist, the cascade of deleting an account or a user, reads inside a unit seeing its writes,
// and a unit that fails keeping none of its writes. Constraint violations are AlreadyExists.
// The story has sections: call it from a TEST_CASE that makes a new, empty `store` on every run.
void check_portfolio_store_contract(PortfolioStore& store);

}  // namespace fafnir
