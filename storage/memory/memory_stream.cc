#include "storage/memory/memory_stream.h"

#include <algorithm>

#include "core/events/delivery_rules.h"

namespace fafnir {
namespace {

constexpr std::size_t kBatchSize = 256;

}  // namespace

Status MemoryStream::publish(const std::vector<Event>& events) {
  std::lock_guard lock(mutex_);
  for (const Event& event : events) {
    if (event_ids_.count(event.id) != 0) continue;
    auto subject = subject_numbers_.find(event.subject);
    if (subject == subject_numbers_.end()) {
      subject = subject_numbers_.emplace(event.subject, subject_numbers_.size()).first;
    }
    log_.push_back({event, subject->second});
    event_ids_.insert(log_.back().event.id);
  }
  return Status::Ok();
}

Status MemoryStream::subscribe_batches(ConsumerConfig config, BatchHandler handler) {
  return subscriptions_.add(std::move(config), std::move(handler),
                            [this](const ConsumerConfig& added) {
                              std::lock_guard lock(mutex_);
                              groups_.try_emplace(added.group);
                              return Status::Ok();
                            });
}

Result<std::size_t> MemoryStream::dispatch() {
  return subscriptions_.dispatch(
      [this](const Subscription& subscription) { return dispatch_to(subscription); });
}

Result<std::size_t> MemoryStream::dispatch_to(const Subscription& subscription) {
  // Retries that are due get one pass per call, so a handler that keeps asking for an immediate
  // retry cannot keep dispatch() busy forever.
  std::size_t delivered = deliver(subscription, due_retries(subscription.config.group));
  while (true) {
    std::int64_t read_up_to = 0;
    std::vector<Delivery> batch = next_messages(subscription, read_up_to);
    if (read_up_to == 0) return delivered;
    delivered += deliver(subscription, batch);
    {
      std::lock_guard lock(mutex_);
      std::int64_t& cursor = groups_.find(subscription.config.group)->second.cursor;
      cursor = std::max(cursor, read_up_to);
    }
    if (batch.size() < kBatchSize) return delivered;
  }
}

std::vector<Delivery> MemoryStream::due_retries(const std::string& group) {
  std::lock_guard lock(mutex_);
  std::vector<Delivery> due;
  Timestamp now = clock_.now();
  for (const auto& [sequence, retry] : groups_.find(group)->second.retries) {
    if (retry.due_at > now) continue;
    due.push_back(
        {log_[static_cast<std::size_t>(sequence - 1)].event, sequence, retry.attempts + 1});
    if (due.size() == kBatchSize) break;
  }
  return due;
}

std::vector<Delivery> MemoryStream::next_messages(const Subscription& subscription,
                                                  std::int64_t& read_up_to) {
  std::lock_guard lock(mutex_);
  std::vector<Delivery> batch;
  Group& group = groups_.find(subscription.config.group)->second;
  std::int64_t cursor = group.cursor;
  std::int64_t end = static_cast<std::int64_t>(log_.size());
  read_up_to = 0;
  if (end <= cursor) return batch;
  for (std::int64_t sequence = cursor + 1; sequence <= end; ++sequence) {
    const Message& message = log_[static_cast<std::size_t>(sequence - 1)];
    if (!wanted(group, subscription.config, message)) continue;
    batch.push_back({message.event, sequence, 1});
    if (batch.size() == kBatchSize) break;
  }
  read_up_to = batch.size() == kBatchSize ? batch.back().sequence : end;
  return batch;
}

bool MemoryStream::wanted(Group& group, const ConsumerConfig& config, const Message& message) {
  std::vector<signed char>& known = group.wanted_subjects;
  if (message.subject >= known.size()) known.resize(message.subject + 1, -1);
  signed char& answer = known[message.subject];
  if (answer < 0) answer = wants(config, message.event.subject) ? 1 : 0;
  return answer == 1;
}

std::size_t MemoryStream::deliver(const Subscription& subscription,
                                  const std::vector<Delivery>& batch) {
  if (batch.empty()) return 0;
  std::vector<Disposition> decisions = decide(subscription.handler, batch);
  std::lock_guard lock(mutex_);
  Group& group = groups_.find(subscription.config.group)->second;
  Timestamp now = clock_.now();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const Delivery& delivery = batch[i];
    Verdict verdict =
        judge(decisions[i], delivery.attempt, subscription.config.max_deliveries, now);
    if (verdict.kind == Verdict::Kind::kRetry) {
      group.retries.insert_or_assign(delivery.sequence, Retry{delivery.attempt, verdict.due_at});
      continue;
    }
    group.retries.erase(delivery.sequence);
    if (verdict.kind == Verdict::Kind::kDone) continue;
    group.buried.insert_or_assign(
        delivery.sequence, DeadLetter{subscription.config.group, delivery.event, delivery.attempt,
                                      std::move(verdict.reason), now});
  }
  return batch.size();
}

Result<std::vector<ConsumerLag>> MemoryStream::lag() {
  std::lock_guard lock(mutex_);
  std::vector<ConsumerLag> lags;
  std::int64_t end = static_cast<std::int64_t>(log_.size());
  for (const auto& [name, group] : groups_) {
    lags.push_back({name, end - group.cursor + static_cast<std::int64_t>(group.retries.size())});
  }
  return lags;
}

Result<std::vector<DeadLetter>> MemoryStream::dead_letters(std::string_view group) {
  std::lock_guard lock(mutex_);
  std::vector<DeadLetter> letters;
  auto found = groups_.find(group);
  if (found == groups_.end()) return letters;
  for (const auto& [sequence, letter] : found->second.buried) letters.push_back(letter);
  std::stable_sort(letters.begin(), letters.end(), [](const DeadLetter& a, const DeadLetter& b) {
    return a.failed_at < b.failed_at;
  });
  return letters;
}

}  // namespace fafnir
