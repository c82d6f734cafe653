#pragma once

#include <memory>
#include <vector>

#include "core/common/clock.h"
#include "core/events/event_stream.h"
#include "core/events/subscription_list.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// The embedded EventStream: an append-only log in its own SQLite file (stream.db) with a durable
// cursor per consumer group, a retry table and a dead-letter table. A message written before a
// crash is delivered after restart; a handler whose decision was not yet recorded when the
// process died sees the message again. Thread-safe; dispatch() calls are serialized.
class InProcessStream final : public EventStream {
 public:
  // Opens or creates the stream file at `path`. `clock` must outlive the stream.
  static Result<std::unique_ptr<InProcessStream>> open(const std::filesystem::path& path,
                                                       const Clock& clock,
                                                       SqliteOptions options = {});

  // The migrations of stream.db.
  static const Schema& schema();

  Status publish(const std::vector<Event>& events) override;
  Status subscribe_batches(ConsumerConfig config, BatchHandler handler) override;
  Result<std::size_t> dispatch() override;
  Result<std::vector<ConsumerLag>> lag() override;
  Result<std::vector<DeadLetter>> dead_letters(std::string_view group) override;

 private:
  using Subscription = SubscriptionList::Subscription;
  struct Outcome;

  InProcessStream(std::shared_ptr<SqliteDatabase> db, const Clock& clock)
      : db_(std::move(db)), clock_(clock) {}

  Result<std::size_t> dispatch_to(const Subscription& subscription);
  Result<std::vector<Delivery>> due_retries(const std::string& group);
  struct Batch {
    std::vector<Delivery> deliveries;  // the next messages the group wants, oldest first
    std::int64_t cursor = 0;           // the group's position before them
    std::int64_t read_up_to = 0;       // the position the group reaches once they are decided
  };
  Result<Batch> next_messages(const Subscription& subscription);
  Status record(const Subscription& subscription, const std::vector<Outcome>& outcomes,
                std::int64_t new_cursor);

  std::shared_ptr<SqliteDatabase> db_;
  const Clock& clock_;
  SubscriptionList subscriptions_;
};

}  // namespace fafnir
