#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"

struct __natsConnection;
struct __jsCtx;
struct __natsMsg;
struct __natsSubscription;

namespace fafnir {

// A JetStream stream with file storage.
struct NatsStreamConfig {
  std::string name;                   // e.g. "orders"
  std::vector<std::string> subjects;  // e.g. {"orders.>"}
  std::chrono::seconds max_age{std::chrono::hours(24 * 7)};  // default 7 days
  std::chrono::seconds duplicate_window{120};  // Nats-Msg-Id de-duplication; default 2 min
};

// A durable pull consumer with explicit acknowledgement.
struct NatsConsumerConfig {
  std::string stream;          // e.g. "orders"
  std::string durable;         // the consumer group's name; its position survives restarts
  std::string filter_subject;  // e.g. "orders.filled"; empty: every subject of the stream
  std::chrono::seconds ack_wait{30};  // unacknowledged messages are redelivered after it
  int max_deliver = -1;               // deliveries before the server gives up; -1: no limit
};

// What the stream answered to a publish.
struct NatsPublishAck {
  std::string stream;
  std::uint64_t sequence = 0;
  bool duplicate = false;  // the message id was seen within the window; nothing was stored
};

// One delivered message; owns its libnats message. Move-only.
class NatsMessage {
 public:
  explicit NatsMessage(__natsMsg* message) : message_(message) {}
  NatsMessage(NatsMessage&& other) noexcept : message_(other.message_) { other.message_ = nullptr; }
  NatsMessage& operator=(NatsMessage&&) = delete;
  ~NatsMessage();

  std::string_view subject() const;
  std::string_view data() const;
  // Acknowledges and waits for the server to confirm it.
  Status ack();
  // Asks for redelivery after `delay`.
  Status retry_later(std::chrono::milliseconds delay);
  // Tells the server never to deliver it again (give up).
  Status give_up();

 private:
  __natsMsg* message_;
};

// A subscription to a durable pull consumer. Not thread-safe. REQUIRES: destroyed before the
// NatsConnection that made it. Destroying it keeps the consumer (and its position) on the server.
class NatsPullConsumer {
 public:
  explicit NatsPullConsumer(__natsSubscription* subscription) : subscription_(subscription) {}
  ~NatsPullConsumer();
  NatsPullConsumer(const NatsPullConsumer&) = delete;
  NatsPullConsumer& operator=(const NatsPullConsumer&) = delete;

  // Up to `batch` messages, waiting at most `wait` for the first; empty when none arrived.
  Result<std::vector<NatsMessage>> fetch(int batch, std::chrono::milliseconds wait);

 private:
  __natsSubscription* subscription_;
};

// A libnats connection with its JetStream context. Thread-safe, as libnats connections are.
class NatsConnection {
 public:
  // Connects within `timeout`. Internal naming the (password-redacted) URL when the server is
  // unreachable.
  static Result<std::unique_ptr<NatsConnection>> connect(
      std::string_view url, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~NatsConnection();
  NatsConnection(const NatsConnection&) = delete;
  NatsConnection& operator=(const NatsConnection&) = delete;

  // Creates the stream, or updates it to `config` when it exists. Internal when JetStream is off.
  Status ensure_stream(const NatsStreamConfig& config);

  // Publishes `payload` with header Nats-Msg-Id: `message_id` and waits for the stream's ack.
  Result<NatsPublishAck> publish(std::string_view subject, std::string_view payload,
                                 std::string_view message_id);

  // Creates the durable consumer if needed and subscribes to it.
  Result<std::unique_ptr<NatsPullConsumer>> pull_consumer(const NatsConsumerConfig& config);

 private:
  NatsConnection(__natsConnection* connection, __jsCtx* jetstream)
      : connection_(connection), jetstream_(jetstream) {}

  __natsConnection* connection_;
  __jsCtx* jetstream_;
};

}  // namespace fafnir
