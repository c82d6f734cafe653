#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "core/common/string_hash.h"
#include "core/order/order_store.h"
#include "storage/memory/memory_outbox.h"

namespace fafnir {

// OrderStore in memory, with the constraints and orderings of order.db: order ids are unique
// (AlreadyExists), update() of an unknown order is NotFound, and ties in time are broken by
// insertion order. A unit of work runs under the store's lock and writes in place, keeping an undo
// log: a unit whose work fails (or throws) is rolled back, one that succeeds appends the events it
// published to the outbox before the lock is released. Thread-safe; transact()'s work must not
// call the store.
class MemoryOrderStore final : public OrderStore {
 public:
  // `outbox` receives the events of committed units. REQUIRES: it outlives every call to the
  // store.
  explicit MemoryOrderStore(MemoryOutbox& outbox) : outbox_(outbox) {}

  Status transact(const Work& work) override;
  Result<std::optional<Order>> find(std::string_view order_id) override;
  Result<std::vector<Order>> orders_of(std::string_view user_id) override;
  Result<std::vector<Order>> open_orders() override;
  Result<std::vector<Order>> open_day_orders() override;
  Result<std::vector<std::pair<OrderStatus, std::int64_t>>> count_by_status() override;
  Status delete_user(std::string_view user_id) override;

 private:
  class Transaction;
  struct Row {
    Order order;
    std::uint64_t rowid = 0;  // insertion order, breaks ties in time as SQLite's rowid does
  };
  // Where a row sorts among others: by creation time, then insertion.
  using Position = std::pair<std::int64_t, std::uint64_t>;

  // Makes `row` the order `id` (none: removes it), keeping the indexes in step. Returns the row
  // that was there.
  std::optional<Row> replace(const std::string& id, std::optional<Row> row);
  using Entry = StringMap<Row>::value_type;  // an order id with its row
  void index(const Entry& entry);
  void unindex(const Row& row);
  std::vector<Order> open_where(bool (*wanted)(const Order&));

  std::mutex mutex_;
  MemoryOutbox& outbox_;
  std::uint64_t last_rowid_ = 0;
  StringMap<Row> rows_;  // by order id
  // The indexes point into rows_, whose entries stay put until erased.
  StringMap<std::map<Position, const Entry*>> by_user_;
  std::map<Position, const Entry*> open_;  // PENDING and PARTIAL_FILL orders
  std::array<std::int64_t, static_cast<std::size_t>(OrderStatus::kExpired) + 1> count_by_status_{};
};

}  // namespace fafnir
