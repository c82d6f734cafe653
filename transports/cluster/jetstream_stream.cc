#include "transports/cluster/jetstream_stream.h"

#include <algorithm>
#include <charconv>

#include "core/events/delivery_rules.h"

namespace fafnir {
namespace {

constexpr std::string_view kMessageIdHeader = "Nats-Msg-Id";
constexpr std::string_view kOccurredAtHeader = "Fafnir-Occurred-At";
constexpr std::size_t kBatchSize = 256;
// How long a fetch waits when the consumer turns out to have nothing to deliver, e.g. because
// another node took the messages first. Messages that are there arrive at once.
constexpr std::chrono::milliseconds kFetchWait{250};

// The stream that `subject` (or subject filter) belongs to: the configured stream named by its
// first token, when more tokens follow. nullptr when there is none.
const NatsStreamConfig* stream_of(std::string_view subject) {
  std::size_t dot = subject.find('.');
  if (dot == std::string_view::npos || dot + 1 == subject.size()) return nullptr;
  std::string_view first = subject.substr(0, dot);
  for (const NatsStreamConfig& stream : JetStreamStream::streams()) {
    if (stream.name == first) return &stream;
  }
  return nullptr;
}

Status outside_streams(std::string_view what, std::string_view subject) {
  std::string names;
  for (const NatsStreamConfig& stream : JetStreamStream::streams()) {
    names += (names.empty() ? "" : ", ") + stream.subjects.front();
  }
  return Status::InvalidArgument(std::string(what) + " '" + std::string(subject) +
                                 "' is outside the streams (" + names + ")");
}

// A durable consumer name for `group` on `stream`: JetStream refuses '.', '*', '>' and whitespace
// in names, so every byte but ASCII letters, digits and '-' becomes _XX (hex), which keeps the
// names of different groups apart.
std::string durable_name(std::string_view group, std::string_view stream) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string name;
  for (char c : group) {
    bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (plain) {
      name += c;
      continue;
    }
    auto byte = static_cast<unsigned char>(c);
    name += '_';
    name += kHex[byte >> 4];
    name += kHex[byte & 0xF];
  }
  return name + "_" + std::string(stream);
}

// When the event happened: its Fafnir-Occurred-At header, or else when the stream stored it.
Timestamp occurred_at(const NatsMessage& message, const NatsDeliveryInfo& info) {
  if (std::optional<std::string> header = message.header(kOccurredAtHeader)) {
    std::int64_t micros = 0;
    auto [end, error] = std::from_chars(header->data(), header->data() + header->size(), micros);
    if (error == std::errc() && end == header->data() + header->size()) return Timestamp{micros};
  }
  return Timestamp{info.stored_at_nanos / 1000};
}

// The delivery of `message`; one published without a message id is known by stream and sequence.
Delivery delivery_of(const NatsMessage& message, const NatsDeliveryInfo& info,
                     std::string_view stream) {
  Event event{message.header(kMessageIdHeader)
                  .value_or(std::string(stream) + "-" + std::to_string(info.stream_sequence)),
              std::string(message.subject()), std::string(message.data()),
              occurred_at(message, info)};
  return Delivery{std::move(event), static_cast<std::int64_t>(info.stream_sequence),
                  static_cast<int>(std::max<std::uint64_t>(info.delivered, 1))};
}

// The handler's decisions on `batch`, judged at `now`.
std::vector<Verdict> verdicts_on(const SubscriptionList::Subscription& subscription,
                                 const std::vector<Delivery>& batch, Timestamp now) {
  std::vector<Disposition> decisions = decide(subscription.handler, batch);
  std::vector<Verdict> verdicts;
  verdicts.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    verdicts.push_back(
        judge(decisions[i], batch[i].attempt, subscription.config.max_deliveries, now));
  }
  return verdicts;
}

}  // namespace

struct JetStreamStream::Consumer {
  std::string stream;
  std::string durable;
  std::unique_ptr<NatsPullConsumer> pull;
};

// Set up once by open_group(), then only read.
struct JetStreamStream::Group {
  std::vector<Consumer> consumers;  // one per stream the group's subjects touch
};

const std::vector<NatsStreamConfig>& JetStreamStream::streams() {
  static const std::vector<NatsStreamConfig> kStreams{{"users", {"users.>"}},
                                                      {"orders", {"orders.>"}}};
  return kStreams;
}

Result<std::unique_ptr<JetStreamStream>> JetStreamStream::open(
    std::unique_ptr<NatsConnection> nats, std::unique_ptr<PostgresStreamStore> store,
    const Clock& clock) {
  for (const NatsStreamConfig& stream : streams()) {
    FAFNIR_RETURN_IF_ERROR(nats->ensure_stream(stream));
  }
  return std::unique_ptr<JetStreamStream>(
      new JetStreamStream(std::move(nats), std::move(store), clock));
}

JetStreamStream::JetStreamStream(std::unique_ptr<NatsConnection> nats,
                                 std::unique_ptr<PostgresStreamStore> store, const Clock& clock)
    : nats_(std::move(nats)), store_(std::move(store)), clock_(clock) {}

JetStreamStream::~JetStreamStream() = default;

Status JetStreamStream::publish(const std::vector<Event>& events) {
  for (const Event& event : events) {
    if (stream_of(event.subject) == nullptr) return outside_streams("subject", event.subject);
  }
  for (const Event& event : events) {
    FAFNIR_RETURN_IF_ERROR(
        nats_
            ->publish(event.subject, event.json(), event.id,
                      {{std::string(kOccurredAtHeader), std::to_string(event.occurred_at.micros)}})
            .status());
  }
  return Status::Ok();
}

Status JetStreamStream::subscribe_batches(ConsumerConfig config, BatchHandler handler) {
  return subscriptions_.add(std::move(config), std::move(handler),
                            [this](const ConsumerConfig& added) { return open_group(added); });
}

Status JetStreamStream::open_group(const ConsumerConfig& config) {
  std::map<const NatsStreamConfig*, std::vector<std::string_view>> filters_by_stream;
  for (const std::string& filter : config.subjects) {
    const NatsStreamConfig* stream = stream_of(filter);
    if (stream == nullptr) return outside_streams("subject filter", filter);
    filters_by_stream[stream].push_back(filter);
  }
  auto group = std::make_unique<Group>();
  for (const auto& [stream, filters] : filters_by_stream) {
    Consumer consumer{stream->name, durable_name(config.group, stream->name), nullptr};
    std::string_view filter = filters.size() == 1 ? filters.front() : stream->subjects.front();
    FAFNIR_ASSIGN_OR_RETURN(consumer.pull, nats_->pull_consumer({consumer.stream, consumer.durable,
                                                                 std::string(filter)}));
    group->consumers.push_back(std::move(consumer));
  }
  std::lock_guard lock(groups_mutex_);
  groups_.insert_or_assign(config.group, std::move(group));
  return Status::Ok();
}

JetStreamStream::Group* JetStreamStream::find_group(std::string_view name) {
  std::lock_guard lock(groups_mutex_);
  auto found = groups_.find(name);
  return found == groups_.end() ? nullptr : found->second.get();
}

Result<std::size_t> JetStreamStream::dispatch() {
  return subscriptions_.dispatch(
      [this](const Subscription& subscription) { return dispatch_to(subscription); });
}

Result<std::size_t> JetStreamStream::dispatch_to(const Subscription& subscription) {
  Group* group = find_group(subscription.config.group);
  if (group == nullptr) {
    return Status::Internal("consumer group " + subscription.config.group + " vanished");
  }
  // Retries that are due get one pass per call, so a handler that keeps asking for an immediate
  // retry cannot keep dispatch() busy forever.
  FAFNIR_ASSIGN_OR_RETURN(std::size_t delivered, deliver_retries(subscription));
  for (Consumer& consumer : group->consumers) {
    FAFNIR_ASSIGN_OR_RETURN(std::size_t count, deliver_new(subscription, consumer));
    delivered += count;
  }
  return delivered;
}

Result<std::size_t> JetStreamStream::deliver_retries(const Subscription& subscription) {
  Timestamp now = clock_.now();
  return store_->take_due(
      subscription.config.group, now, kBatchSize,
      [&](const std::vector<Delivery>& due) { return verdicts_on(subscription, due, now); });
}

Result<std::size_t> JetStreamStream::deliver_new(const Subscription& subscription,
                                                 Consumer& consumer) {
  const ConsumerConfig& config = subscription.config;
  std::size_t delivered = 0;
  for (bool first_round = true;; first_round = false) {
    // Messages delivered but not acknowledged may be due for redelivery (their node died), so the
    // first round fetches when there are any. Later rounds do not: this call's own terminations
    // may still be on their way to the server, which would make the fetch wait for nothing.
    FAFNIR_ASSIGN_OR_RETURN(NatsConsumerState state,
                            nats_->consumer_state(consumer.stream, consumer.durable));
    std::uint64_t available = state.pending;
    if (first_round && state.ack_pending > 0) {
      available += static_cast<std::uint64_t>(state.ack_pending);
    }
    if (available == 0) return delivered;
    std::size_t batch = static_cast<std::size_t>(std::min<std::uint64_t>(available, kBatchSize));
    FAFNIR_ASSIGN_OR_RETURN(std::vector<NatsMessage> messages,
                            consumer.pull->fetch_available(static_cast<int>(batch), kFetchWait));
    if (messages.empty()) return delivered;

    std::vector<Delivery> wanted;
    std::vector<std::size_t> wanted_at;  // index in `messages` of each wanted delivery
    for (std::size_t i = 0; i < messages.size(); ++i) {
      if (!wants(config, messages[i].subject())) continue;
      FAFNIR_ASSIGN_OR_RETURN(NatsDeliveryInfo info, messages[i].delivery_info());
      wanted.push_back(delivery_of(messages[i], info, consumer.stream));
      wanted_at.push_back(i);
    }
    std::vector<bool> dead(messages.size(), false);
    if (!wanted.empty()) {
      Timestamp now = clock_.now();
      std::vector<Verdict> verdicts = verdicts_on(subscription, wanted, now);
      FAFNIR_RETURN_IF_ERROR(store_->record(config.group, wanted, verdicts, now));
      for (std::size_t i = 0; i < wanted.size(); ++i) {
        dead[wanted_at[i]] = verdicts[i].kind == Verdict::Kind::kDeadLetter;
      }
      delivered += wanted.size();
    }
    // Recorded: JetStream may forget them now. A retry is acknowledged too, since its row in
    // PostgreSQL brings it back.
    for (std::size_t i = 0; i < messages.size(); ++i) {
      FAFNIR_RETURN_IF_ERROR(dead[i] ? messages[i].give_up() : messages[i].ack());
    }
    if (messages.size() < batch) return delivered;
  }
}

Result<std::vector<ConsumerLag>> JetStreamStream::lag() {
  std::vector<std::pair<std::string, const Group*>> groups;
  {
    std::lock_guard lock(groups_mutex_);
    for (const auto& [name, group] : groups_) groups.emplace_back(name, group.get());
  }
  FAFNIR_ASSIGN_OR_RETURN(auto retries, store_->retry_counts());
  std::vector<ConsumerLag> lags;
  for (const auto& [name, group] : groups) {
    ConsumerLag lag{name, 0};
    for (const Consumer& consumer : group->consumers) {
      FAFNIR_ASSIGN_OR_RETURN(NatsConsumerState state,
                              nats_->consumer_state(consumer.stream, consumer.durable));
      lag.pending += static_cast<std::int64_t>(state.pending) + state.ack_pending;
    }
    if (auto found = retries.find(name); found != retries.end()) lag.pending += found->second;
    lags.push_back(std::move(lag));
  }
  return lags;
}

Result<std::vector<DeadLetter>> JetStreamStream::dead_letters(std::string_view group) {
  return store_->dead_letters(group);
}

}  // namespace fafnir
