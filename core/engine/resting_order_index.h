#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/fixed_point.h"
#include "core/common/status.h"
#include "core/engine/order_key.h"

namespace fafnir {

// Which way the price must move to wake a resting order.
enum class TriggerDirection {
  kAtOrBelow,  // wakes when price <= trigger: buy limits, sell stops
  kAtOrAbove,  // wakes when price >= trigger: sell limits, buy stops, waiting market orders (0)
};

// The highest trigger an index holds: 2^53 micro-units (9,007,199,254.740992), the largest count
// of micro-units a double, e.g. a Redis sorted-set score, represents exactly.
inline constexpr Price kMaxTrigger = Price::from_micros(std::int64_t{1} << 53);

// InvalidArgument, naming `trigger`, unless 0 <= trigger <= kMaxTrigger.
Status check_trigger(Price trigger);

// `price` in micro-units moved into [-1, kMaxTrigger + 1]: it compares with every valid trigger as
// `price` does, and its negation cannot overflow.
inline std::int64_t comparable_micros(Price price) {
  return std::clamp<std::int64_t>(price.micros(), -1, kMaxTrigger.micros() + 1);
}

// Port: the resting orders of every symbol, ordered by the price that wakes them, so that a price
// move looks only at the orders it crosses. The trade engine adds an order when it rests, removes
// it when it is canceled or finished, and takes the crossed ones when a price moves.
//
// Several index objects may share one backing store (one per node of a cluster); they then see
// one set of resting orders, and every operation below is atomic with respect to the others.
// An index may hold keys whose order is no longer open (a node that stopped between filling an
// order and removing it); callers look each taken key up and skip what is not open.
//
// Errors: Internal when the backing store fails; the operation may or may not have happened.
// Implementations say whether they are thread-safe.
class RestingOrderIndex {
 public:
  virtual ~RestingOrderIndex() = default;

  // Rests `key` on `symbol` until a price reaches `trigger` in `direction`. Adding a key that is
  // already there moves it (its old symbol, direction and trigger are forgotten) and ranks it
  // behind the orders already resting at `trigger`, as a new key would. InvalidArgument, with
  // nothing changed, when `trigger` is negative or above kMaxTrigger.
  virtual Status add(std::string_view symbol, TriggerDirection direction, Price trigger,
                     const OrderKey& key) = 0;

  // Takes `key` out. True when it was there, false when not.
  virtual Result<bool> remove(const OrderKey& key) = 0;

  // The claim: removes and returns every order of `symbol` that `price` wakes. First the
  // kAtOrBelow orders with trigger >= price, highest trigger first, then the kAtOrAbove orders
  // with trigger <= price, lowest trigger first; equal triggers in the order they were added.
  // When several index objects share a store and call this concurrently, each crossed key is
  // returned by exactly one call. Empty for a symbol without resting orders. When the store fails
  // after some orders were claimed, returns those; the others stay for the next call.
  virtual Result<std::vector<OrderKey>> take_crossed(std::string_view symbol, Price price) = 0;

  // The symbols with at least one resting order, sorted.
  virtual Result<std::vector<std::string>> symbols() const = 0;

  // The number of resting orders.
  virtual Result<std::size_t> size() const = 0;
};

}  // namespace fafnir
