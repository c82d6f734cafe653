#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/common/clock.h"
#include "core/common/string_hash.h"
#include "core/events/event_stream.h"
#include "core/events/subscription_list.h"

namespace fafnir {

// EventStream in memory: an append-only log with a cursor per consumer group, retries and dead
// letters, delivering in the same order as the embedded InProcessStream, in batches of up to 256
// messages a group wants. Nothing survives the object: for runs that are thrown away afterwards.
// Every message is kept for the stream's lifetime, so that a group joining late still starts from
// the beginning.
// Thread-safe; dispatch() calls are serialized, and handlers run without the stream's lock held
// (they may publish or subscribe).
class MemoryStream final : public EventStream {
 public:
  // `clock` times retries and dead letters; it must outlive the stream.
  explicit MemoryStream(const Clock& clock) : clock_(clock) {}

  Status publish(const std::vector<Event>& events) override;
  Status subscribe_batches(ConsumerConfig config, BatchHandler handler) override;
  Result<std::size_t> dispatch() override;
  Result<std::vector<ConsumerLag>> lag() override;
  Result<std::vector<DeadLetter>> dead_letters(std::string_view group) override;

 private:
  using Subscription = SubscriptionList::Subscription;
  struct Retry {
    int attempts = 0;  // deliveries made so far
    Timestamp due_at;
  };
  struct Group {
    std::int64_t cursor = 0;                    // the last sequence read
    std::map<std::int64_t, Retry> retries;      // by sequence
    std::map<std::int64_t, DeadLetter> buried;  // by sequence
    // Whether the group's filters match, by subject number; -1 where not yet worked out.
    std::vector<signed char> wanted_subjects;
  };
  struct Message {
    Event event;
    std::size_t subject = 0;  // the event's subject, numbered in subject_numbers_
  };

  // wants(config, message's subject), remembered in `group` (a group has one configuration).
  static bool wanted(Group& group, const ConsumerConfig& config, const Message& message);

  Result<std::size_t> dispatch_to(const Subscription& subscription);
  std::vector<Delivery> due_retries(const std::string& group);
  // The next messages `subscription` wants after its cursor (at most a batch) and the sequence its
  // cursor reaches once they are decided.
  std::vector<Delivery> next_messages(const Subscription& subscription, std::int64_t& read_up_to);
  // Decides `batch` with the handler (without the lock) and records the decisions.
  std::size_t deliver(const Subscription& subscription, const std::vector<Delivery>& batch);

  const Clock& clock_;
  SubscriptionList subscriptions_;
  std::mutex mutex_;                                // guards what follows
  std::deque<Message> log_;                         // the message of sequence s is log_[s - 1]
  std::unordered_set<std::string_view> event_ids_;  // of the messages in log_, which owns them
  StringMap<std::size_t> subject_numbers_;          // in order of first publication
  std::map<std::string, Group, std::less<>> groups_;
};

}  // namespace fafnir
