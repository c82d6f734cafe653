#include "transports/cluster/nats_connection.h"

#include <nats/nats.h>

#include <algorithm>

#include "transports/cluster/cluster_options.h"

namespace fafnir {
namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::int64_t kNanosPerMilli = 1'000'000;

// The Status for a failed libnats call, with the JetStream error code when there is one.
Status nats_error(std::string_view what, natsStatus status, jsErrCode js_error = jsErrCode(0)) {
  std::string message = "nats: " + std::string(what) + ": " + natsStatus_GetText(status);
  if (const char* detail = nats_GetLastError(nullptr); detail != nullptr && *detail != '\0') {
    message += " (" + std::string(detail) + ")";
  }
  if (js_error != 0) message += " [JetStream error " + std::to_string(js_error) + "]";
  return Status::Internal(std::move(message));
}

// The messages of `list`, which it no longer owns; `status` is what the fetch returned.
Result<std::vector<NatsMessage>> take_fetched(natsMsgList& list, natsStatus status,
                                              jsErrCode js_error) {
  std::vector<NatsMessage> messages;
  if (status == NATS_TIMEOUT || status == NATS_NOT_FOUND) return messages;
  if (status != NATS_OK) return nats_error("fetch", status, js_error);
  for (int i = 0; i < list.Count; ++i) {
    messages.emplace_back(list.Msgs[i]);
    list.Msgs[i] = nullptr;  // now owned by `messages`
  }
  natsMsgList_Destroy(&list);
  return messages;
}

}  // namespace

NatsMessage::~NatsMessage() { natsMsg_Destroy(message_); }

std::string_view NatsMessage::subject() const { return natsMsg_GetSubject(message_); }

std::string_view NatsMessage::data() const {
  return {natsMsg_GetData(message_), static_cast<std::size_t>(natsMsg_GetDataLength(message_))};
}

std::optional<std::string> NatsMessage::header(std::string_view name) const {
  const char* value = nullptr;
  std::string key(name);
  if (natsMsgHeader_Get(message_, key.c_str(), &value) != NATS_OK || value == nullptr) {
    return std::nullopt;
  }
  return std::string(value);
}

Result<NatsDeliveryInfo> NatsMessage::delivery_info() const {
  jsMsgMetaData* meta = nullptr;
  natsStatus status = natsMsg_GetMetaData(&meta, message_);
  if (status != NATS_OK) return nats_error("message metadata", status);
  NatsDeliveryInfo info{meta->Sequence.Stream, meta->NumDelivered, meta->Timestamp};
  jsMsgMetaData_Destroy(meta);
  return info;
}

Status NatsMessage::ack() {
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = natsMsg_AckSync(message_, nullptr, &js_error);
  return status == NATS_OK ? Status::Ok() : nats_error("ack", status, js_error);
}

Status NatsMessage::retry_later(std::chrono::milliseconds delay) {
  natsStatus status = natsMsg_NakWithDelay(message_, delay.count(), nullptr);
  return status == NATS_OK ? Status::Ok() : nats_error("nak", status);
}

Status NatsMessage::give_up() {
  natsStatus status = natsMsg_Term(message_, nullptr);
  return status == NATS_OK ? Status::Ok() : nats_error("term", status);
}

NatsPullConsumer::~NatsPullConsumer() { natsSubscription_Destroy(subscription_); }

Result<std::vector<NatsMessage>> NatsPullConsumer::fetch(int batch, std::chrono::milliseconds wait) {
  natsMsgList list{};
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = natsSubscription_Fetch(&list, subscription_, batch, wait.count(), &js_error);
  return take_fetched(list, status, js_error);
}

Result<std::vector<NatsMessage>> NatsPullConsumer::fetch_available(int batch,
                                                                   std::chrono::milliseconds wait) {
  natsMsgList list{};
  jsFetchRequest request;
  jsFetchRequest_Init(&request);
  request.Batch = batch;
  request.NoWait = true;
  // libnats waits for the server's answer only until Expires, so it must not be zero.
  request.Expires = std::max<std::int64_t>(wait.count(), 1) * kNanosPerMilli;
  natsStatus status = natsSubscription_FetchRequest(&list, subscription_, &request);
  return take_fetched(list, status, jsErrCode(0));
}

Result<std::unique_ptr<NatsConnection>> NatsConnection::connect(std::string_view url,
                                                                std::chrono::milliseconds timeout) {
  std::string where = "cannot connect to NATS at " + redact_url(url);
  natsOptions* options = nullptr;
  if (natsStatus status = natsOptions_Create(&options); status != NATS_OK) {
    return nats_error(where, status);
  }
  std::unique_ptr<natsOptions, void (*)(natsOptions*)> owned_options(options, natsOptions_Destroy);
  std::string address(url);
  natsStatus status = natsOptions_SetURL(options, address.c_str());
  if (status == NATS_OK) status = natsOptions_SetTimeout(options, timeout.count());
  natsConnection* connection = nullptr;
  if (status == NATS_OK) status = natsConnection_Connect(&connection, options);
  if (status != NATS_OK) return nats_error(where, status);
  jsCtx* jetstream = nullptr;
  status = natsConnection_JetStream(&jetstream, connection, nullptr);
  if (status != NATS_OK) {
    natsConnection_Destroy(connection);
    return nats_error("JetStream context", status);
  }
  return std::unique_ptr<NatsConnection>(new NatsConnection(connection, jetstream));
}

NatsConnection::~NatsConnection() {
  jsCtx_Destroy(jetstream_);
  natsConnection_Destroy(connection_);
}

Status NatsConnection::ensure_stream(const NatsStreamConfig& config) {
  std::vector<const char*> subjects;
  for (const std::string& subject : config.subjects) subjects.push_back(subject.c_str());
  jsStreamConfig stream;
  jsStreamConfig_Init(&stream);
  stream.Name = config.name.c_str();
  stream.Subjects = subjects.data();
  stream.SubjectsLen = static_cast<int>(subjects.size());
  stream.Storage = js_FileStorage;
  stream.MaxAge = config.max_age.count() * kNanosPerSecond;
  stream.Duplicates = config.duplicate_window.count() * kNanosPerSecond;
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = js_AddStream(nullptr, jetstream_, &stream, nullptr, &js_error);
  if (status != NATS_OK && js_error == JSStreamNameExistErr) {
    js_error = jsErrCode(0);
    status = js_UpdateStream(nullptr, jetstream_, &stream, nullptr, &js_error);
  }
  if (status != NATS_OK) return nats_error("stream " + config.name, status, js_error);
  return Status::Ok();
}

Status NatsConnection::delete_stream(std::string_view name) {
  std::string stream(name);
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = js_DeleteStream(jetstream_, stream.c_str(), nullptr, &js_error);
  if (status == NATS_OK) return Status::Ok();
  if (js_error == JSStreamNotFoundErr) return Status::NotFound("no stream " + stream);
  return nats_error("delete stream " + stream, status, js_error);
}

Result<NatsPublishAck> NatsConnection::publish(std::string_view subject, std::string_view payload,
                                               std::string_view message_id,
                                               const std::vector<NatsHeader>& headers) {
  std::string subject_text(subject);
  std::string id(message_id);
  natsMsg* raw = nullptr;
  natsStatus status = natsMsg_Create(&raw, subject_text.c_str(), nullptr, payload.data(),
                                     static_cast<int>(payload.size()));
  if (status != NATS_OK) return nats_error("message to " + subject_text, status);
  std::unique_ptr<natsMsg, void (*)(natsMsg*)> message(raw, natsMsg_Destroy);
  for (const NatsHeader& header : headers) {
    status = natsMsgHeader_Set(raw, header.name.c_str(), header.value.c_str());
    if (status != NATS_OK) return nats_error("header " + header.name, status);
  }
  jsPubOptions options;
  jsPubOptions_Init(&options);
  options.MsgId = id.c_str();
  jsPubAck* ack = nullptr;
  jsErrCode js_error = jsErrCode(0);
  status = js_PublishMsg(&ack, jetstream_, raw, &options, &js_error);
  if (status != NATS_OK) return nats_error("publish to " + subject_text, status, js_error);
  NatsPublishAck result{ack->Stream, ack->Sequence, ack->Duplicate};
  jsPubAck_Destroy(ack);
  return result;
}

Result<std::unique_ptr<NatsPullConsumer>> NatsConnection::pull_consumer(
    const NatsConsumerConfig& config) {
  jsSubOptions options;
  jsSubOptions_Init(&options);
  options.Stream = config.stream.c_str();
  options.Config.AckPolicy = js_AckExplicit;
  options.Config.AckWait = config.ack_wait.count() * kNanosPerSecond;
  options.Config.MaxDeliver = config.max_deliver;
  natsSubscription* subscription = nullptr;
  jsErrCode js_error = jsErrCode(0);
  const char* filter = config.filter_subject.empty() ? nullptr : config.filter_subject.c_str();
  natsStatus status = js_PullSubscribe(&subscription, jetstream_, filter, config.durable.c_str(),
                                       nullptr, &options, &js_error);
  if (status != NATS_OK) {
    return nats_error("consumer " + config.durable + " on " + config.stream, status, js_error);
  }
  return std::make_unique<NatsPullConsumer>(subscription);
}

Result<NatsConsumerState> NatsConnection::consumer_state(std::string_view stream,
                                                         std::string_view durable) {
  std::string stream_name(stream);
  std::string consumer(durable);
  jsConsumerInfo* info = nullptr;
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = js_GetConsumerInfo(&info, jetstream_, stream_name.c_str(), consumer.c_str(),
                                         nullptr, &js_error);
  if (status != NATS_OK) {
    if (js_error == JSConsumerNotFoundErr || js_error == JSStreamNotFoundErr) {
      return Status::NotFound("no consumer " + consumer + " on stream " + stream_name);
    }
    return nats_error("consumer " + consumer + " on " + stream_name, status, js_error);
  }
  NatsConsumerState state{info->NumPending, info->NumAckPending};
  jsConsumerInfo_Destroy(info);
  return state;
}

}  // namespace fafnir
