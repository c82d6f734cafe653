#pragma once

#include "core/events/outbox.h"
#include "core/order/order_store.h"

namespace fafnir {

// The behaviour every OrderStore shares, as one story of Catch2 checks: inserting, finding and
// updating orders (every mutable field), unique ids, a unit that fails keeping none of its writes
// or events, reads inside a unit seeing its writes, the orderings of orders_of, open_orders and
// open_day_orders (ties in time by insertion), counts by status, deleting a user's orders, and
// committed events reaching `outbox` in order. REQUIRES: `store` is empty and publishes to
// `outbox`, which is empty.
void check_order_store_contract(OrderStore& store, Outbox& outbox);

}  // namespace fafnir
