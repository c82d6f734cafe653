#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
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

// A message header beside the payload, e.g. {"Fafnir-Occurred-At", "1750000000000000"}.
struct NatsHeader {
  std::string name;
  std::string value;
};

// What the stream answered to a publish.
struct NatsPublishAck {
  std::string stream;
  std::uint64_t sequence = 0;
  bool duplicate = false;  // the message id was seen within the window; nothing was stored
};

// Where a delivered message sits in its stream, from the message's JetStream metadata.
struct NatsDeliveryInfo {
  std::uint64_t stream_sequence = 0;  // position in the stream, from 1
  std::uint64_t delivered = 0;        // times the consumer delivered it, 1 the first time
  std::int64_t stored_at_nanos = 0;   // when the stream stored it (Unix time)
};

// How far a durable consumer is behind, as the server counts it.
struct NatsConsumerState {
  std::uint64_t pending = 0;     // messages of its filter not yet delivered
  std::int64_t ack_pending = 0;  // delivered but neither acknowledged nor terminated yet
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
  // The value of header `name`; nullopt when the message lacks it.
  std::optional<std::string> header(std::string_view name) const;
  // Internal when the message did not come from a JetStream consumer.
  Result<NatsDeliveryInfo> delivery_info() const;
  // Acknowledges and waits for the server to confirm it.
  Status ack();
  // Asks for redelivery after `delay`.
  Status retry_later(std::chrono::milliseconds delay);
  // Tells the server never to deliver it again (give up). Does not wait for the server, so a
  // consumer's ack_pending may count the message for a moment longer.
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

  // Up to `batch` of the messages available now: the server ends the request once it has sent
  // what it has (a "no wait" pull) rather than waiting for a full batch. When nothing is available
  // it waits at most `wait` for a message; empty when none arrived.
  Result<std::vector<NatsMessage>> fetch_available(int batch, std::chrono::milliseconds wait);

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

  // Deletes the stream with its messages and consumers. NotFound when there is no such stream.
  // For tests that need an empty stream; fafnir itself never deletes one.
  Status delete_stream(std::string_view name);

  // Publishes `payload` with header Nats-Msg-Id: `message_id` and `headers`, and waits for the
  // stream's ack.
  Result<NatsPublishAck> publish(std::string_view subject, std::string_view payload,
                                 std::string_view message_id,
                                 const std::vector<NatsHeader>& headers = {});

  // Creates the durable consumer if needed and subscribes to it.
  Result<std::unique_ptr<NatsPullConsumer>> pull_consumer(const NatsConsumerConfig& config);

  // The server's counts for durable consumer `durable` of `stream`. NotFound when it does not
  // exist.
  Result<NatsConsumerState> consumer_state(std::string_view stream, std::string_view durable);

 private:
  NatsConnection(__natsConnection* connection, __jsCtx* jetstream)
      : connection_(connection), jetstream_(jetstream) {}

  __natsConnection* connection_;
  __jsCtx* jetstream_;
};

}  // namespace fafnir
