#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/events/event.h"

namespace fafnir {

// What a handler decided about one delivery.
struct Disposition {
  enum class Kind { kAck, kRetryLater, kGiveUp };

  static Disposition Ack() { return {Kind::kAck, Duration::zero(), {}}; }
  // Deliver again after `delay`; after ConsumerConfig::max_deliveries attempts it is a dead letter.
  static Disposition RetryLater(Duration delay, std::string reason) {
    return {Kind::kRetryLater, delay, std::move(reason)};
  }
  // Never deliver again to this group; kept as a dead letter with `reason`.
  static Disposition GiveUp(std::string reason) {
    return {Kind::kGiveUp, Duration::zero(), std::move(reason)};
  }

  Kind kind;
  Duration delay;
  std::string reason;
};

struct Delivery {
  Event event;
  std::int64_t sequence = 0;  // position in the stream; increases with publication order
  int attempt = 1;            // 1 on first delivery to this group
};

// Handlers must be idempotent: delivery is at least once.
using EventHandler = std::function<Disposition(const Delivery&)>;
// Decides a batch of deliveries at once (e.g. in one database transaction); returns exactly one
// Disposition per delivery, in the same order.
using BatchHandler = std::function<std::vector<Disposition>(const std::vector<Delivery>&)>;

// A BatchHandler that hands each delivery to `handler` in turn.
BatchHandler one_at_a_time(EventHandler handler);

struct ConsumerConfig {
  std::string group;                  // durable name; each message is delivered once per group
  std::vector<std::string> subjects;  // filters, see subject_matches(); a message matching any
  int max_deliveries = 5;             // attempts before a retried message becomes a dead letter
};

struct DeadLetter {
  std::string group;
  Event event;
  int attempts = 0;
  std::string reason;
  Timestamp failed_at;
};

// How far a consumer group is behind the end of the stream.
struct ConsumerLag {
  std::string group;
  std::int64_t pending = 0;  // messages after the group's position (retries included)
};

// A durable, at-least-once, subject-based event log with named consumer groups.
// Messages of one subject reach a group in publication order, except that a message the group
// asked to retry comes back after its delay. Implementations are thread-safe.
class EventStream {
 public:
  virtual ~EventStream() = default;

  // Durably appends `events` in order, all or none. An event whose id is already in the stream is
  // skipped (de-duplication), so publishing again after a crash is safe.
  virtual Status publish(const std::vector<Event>& events) = 0;

  // Attaches `handler` to the durable group `config.group`, creating the group (positioned at the
  // start of the stream) on first use. A group may be subscribed once per EventStream.
  virtual Status subscribe_batches(ConsumerConfig config, BatchHandler handler) = 0;
  Status subscribe(ConsumerConfig config, EventHandler handler) {
    return subscribe_batches(std::move(config), one_at_a_time(std::move(handler)));
  }

  // Delivers every message that is due to the subscribed handlers and records their decisions.
  // Returns the number of deliveries made (0 when nothing was due).
  virtual Result<std::size_t> dispatch() = 0;

  // Every group's lag, by group name.
  virtual Result<std::vector<ConsumerLag>> lag() = 0;

  // The messages `group` gave up on (or exhausted its attempts on), oldest first.
  virtual Result<std::vector<DeadLetter>> dead_letters(std::string_view group) = 0;
};

}  // namespace fafnir
