#include "storage/memory/memory_order_store.h"

#include <algorithm>

#include "storage/memory/constraint_violation.h"
#include "storage/memory/undo_log.h"

namespace fafnir {

class MemoryOrderStore::Transaction final : public OrderTransaction {
 public:
  // REQUIRES: the store's lock is held for the transaction's lifetime.
  explicit Transaction(MemoryOrderStore& store) : store_(store) {}

  Result<std::optional<Order>> find(std::string_view order_id) override {
    auto row = store_.rows_.find(order_id);
    if (row == store_.rows_.end()) return std::optional<Order>();
    return std::optional<Order>(row->second.order);
  }

  Status insert(const Order& order) override {
    if (store_.rows_.count(order.id) != 0) {
      return constraint_violation("UNIQUE constraint failed: orders.id");
    }
    write(order.id, Row{order, ++store_.last_rowid_});
    return Status::Ok();
  }

  Status update(const Order& order) override {
    auto row = store_.rows_.find(order.id);
    if (row == store_.rows_.end()) return Status::NotFound("no order " + order.id);
    write(order.id, Row{order, row->second.rowid});
    return Status::Ok();
  }

  Status publish(Event event) override {
    events_.push_back(std::move(event));
    return Status::Ok();
  }

  // Keeps every write and hands the published events to the outbox.
  void commit() {
    undo_.commit();
    if (!events_.empty()) store_.outbox_.append(std::move(events_));
  }

 private:
  void write(const std::string& id, Row row) {
    std::optional<Row> before = store_.replace(id, std::move(row));
    undo_.record([this, id, before = std::move(before)]() mutable {
      store_.replace(id, std::move(before));
    });
  }

  MemoryOrderStore& store_;
  UndoLog undo_;  // rolls back on destruction unless committed
  std::vector<Event> events_;
};

Status MemoryOrderStore::transact(const Work& work) {
  std::lock_guard lock(mutex_);
  Transaction tx(*this);
  FAFNIR_RETURN_IF_ERROR(work(tx));
  tx.commit();
  return Status::Ok();
}

std::optional<MemoryOrderStore::Row> MemoryOrderStore::replace(const std::string& id,
                                                               std::optional<Row> row) {
  std::optional<Row> before;
  auto existing = rows_.find(id);
  if (existing != rows_.end()) {
    unindex(existing->second);
    before = std::move(existing->second);
    if (!row) {
      rows_.erase(existing);
      return before;
    }
    existing->second = std::move(*row);
  } else if (row) {
    existing = rows_.emplace(id, std::move(*row)).first;
  } else {
    return before;
  }
  index(*existing);
  return before;
}

void MemoryOrderStore::index(const Entry& entry) {
  const Order& order = entry.second.order;
  Position position{order.created_at.micros, entry.second.rowid};
  by_user_[order.user_id].emplace(position, &entry);
  if (is_open(order.status)) open_.emplace(position, &entry);
  ++count_by_status_[static_cast<std::size_t>(order.status)];
}

void MemoryOrderStore::unindex(const Row& row) {
  Position position{row.order.created_at.micros, row.rowid};
  auto user = by_user_.find(row.order.user_id);
  user->second.erase(position);
  if (user->second.empty()) by_user_.erase(user);
  open_.erase(position);
  --count_by_status_[static_cast<std::size_t>(row.order.status)];
}

Result<std::optional<Order>> MemoryOrderStore::find(std::string_view order_id) {
  std::lock_guard lock(mutex_);
  auto row = rows_.find(order_id);
  if (row == rows_.end()) return std::optional<Order>();
  return std::optional<Order>(row->second.order);
}

Result<std::vector<Order>> MemoryOrderStore::orders_of(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  std::vector<Order> orders;
  auto user = by_user_.find(user_id);
  if (user == by_user_.end()) return orders;
  orders.reserve(user->second.size());
  for (auto it = user->second.rbegin(); it != user->second.rend(); ++it) {
    orders.push_back(it->second->second.order);  // newest first
  }
  return orders;
}

std::vector<Order> MemoryOrderStore::open_where(bool (*wanted)(const Order&)) {
  std::lock_guard lock(mutex_);
  std::vector<Order> orders;
  for (const auto& [position, entry] : open_) {
    const Order& order = entry->second.order;
    if (wanted(order)) orders.push_back(order);
  }
  return orders;
}

Result<std::vector<Order>> MemoryOrderStore::open_orders() {
  return open_where([](const Order&) { return true; });
}

Result<std::vector<Order>> MemoryOrderStore::open_day_orders() {
  return open_where([](const Order& order) { return order.time_in_force == TimeInForce::kDay; });
}

Result<std::vector<std::pair<OrderStatus, std::int64_t>>> MemoryOrderStore::count_by_status() {
  std::vector<std::pair<OrderStatus, std::int64_t>> counts;
  {
    std::lock_guard lock(mutex_);
    for (std::size_t status = 0; status < count_by_status_.size(); ++status) {
      if (count_by_status_[status] > 0) {
        counts.emplace_back(static_cast<OrderStatus>(status), count_by_status_[status]);
      }
    }
  }
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return order_status_name(a.first) < order_status_name(b.first);
  });
  return counts;
}

Status MemoryOrderStore::delete_user(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  auto user = by_user_.find(user_id);
  if (user == by_user_.end()) return Status::Ok();
  std::vector<std::string> doomed;
  for (const auto& [position, entry] : user->second) doomed.push_back(entry->first);
  for (const std::string& id : doomed) replace(id, std::nullopt);
  return Status::Ok();
}

}  // namespace fafnir
