#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/events/event.h"
#include "core/order/order.h"

namespace fafnir {

// The order service's data inside one atomic unit of work. Only valid during the
// OrderStore::transact() call that produced it.
class OrderTransaction {
 public:
  virtual ~OrderTransaction() = default;

  virtual Result<std::optional<Order>> find(std::string_view order_id) = 0;
  virtual Status insert(const Order& order) = 0;
  // Replaces every mutable field (status, fills, trigger flag, reason, updated_at).
  virtual Status update(const Order& order) = 0;
  // Commits `event` to the service's outbox together with the unit's other writes. Takes it by
  // value: a store that keeps it may move it in.
  virtual Status publish(Event event) = 0;
};

// The order service's store. Thread-safe.
class OrderStore {
 public:
  using Work = std::function<Status(OrderTransaction&)>;

  virtual ~OrderStore() = default;

  // Runs `work` atomically and serializably; nothing it wrote is kept when it fails.
  virtual Status transact(const Work& work) = 0;

  virtual Result<std::optional<Order>> find(std::string_view order_id) = 0;
  // Newest first.
  virtual Result<std::vector<Order>> orders_of(std::string_view user_id) = 0;
  // Every PENDING or PARTIAL_FILL order, oldest first: what the trade engine indexes.
  virtual Result<std::vector<Order>> open_orders() = 0;
  // Open orders with time in force DAY, oldest first.
  virtual Result<std::vector<Order>> open_day_orders() = 0;
  // How many orders there are in each status (statuses with none are left out).
  virtual Result<std::vector<std::pair<OrderStatus, std::int64_t>>> count_by_status() = 0;
  // Removes every order of the user.
  virtual Status delete_user(std::string_view user_id) = 0;
};

}  // namespace fafnir
