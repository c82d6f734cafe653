#include "transports/in_process/in_process_stream.h"

#include <algorithm>
#include <exception>

namespace fafnir {
namespace {

const Schema kStreamSchema{
    "stream",
    {{1, "message log, consumer groups, retries, dead letters",
      "CREATE TABLE messages ("
      " sequence INTEGER PRIMARY KEY AUTOINCREMENT,"
      " event_id TEXT NOT NULL UNIQUE,"
      " subject TEXT NOT NULL,"
      " payload TEXT NOT NULL,"
      " occurred_at INTEGER NOT NULL);"
      "CREATE TABLE consumer_groups ("
      " name TEXT PRIMARY KEY,"
      " cursor INTEGER NOT NULL DEFAULT 0);"
      "CREATE TABLE retries ("
      " group_name TEXT NOT NULL REFERENCES consumer_groups(name),"
      " sequence INTEGER NOT NULL REFERENCES messages(sequence),"
      " attempts INTEGER NOT NULL,"
      " due_at INTEGER NOT NULL,"
      " PRIMARY KEY (group_name, sequence));"
      "CREATE TABLE dead_letters ("
      " group_name TEXT NOT NULL REFERENCES consumer_groups(name),"
      " sequence INTEGER NOT NULL REFERENCES messages(sequence),"
      " attempts INTEGER NOT NULL,"
      " reason TEXT NOT NULL,"
      " failed_at INTEGER NOT NULL,"
      " PRIMARY KEY (group_name, sequence));"}}};

constexpr std::int64_t kBatchSize = 256;
constexpr Duration kRetryAfterHandlerException = std::chrono::seconds(1);

bool wanted_by(const ConsumerConfig& config, std::string_view subject) {
  return std::any_of(config.subjects.begin(), config.subjects.end(),
                     [&](const std::string& filter) { return subject_matches(filter, subject); });
}

Disposition run_handler(const EventHandler& handler, const Delivery& delivery) {
  try {
    return handler(delivery);
  } catch (const std::exception& error) {
    return Disposition::RetryLater(kRetryAfterHandlerException,
                                   std::string("handler threw: ") + error.what());
  }
}

Delivery read_delivery(const SqliteStatement& row, int attempt) {
  return Delivery{Event{row.column_text(1), row.column_text(2), row.column_text(3),
                        Timestamp{row.column_int64(4)}},
                  row.column_int64(0), attempt};
}

}  // namespace

struct InProcessStream::Outcome {
  std::int64_t sequence;
  int attempt;
  Disposition disposition;
};

Result<std::unique_ptr<InProcessStream>> InProcessStream::open(const std::filesystem::path& path,
                                                               const Clock& clock) {
  FAFNIR_ASSIGN_OR_RETURN(std::shared_ptr<SqliteDatabase> db,
                          SqliteDatabase::open(path, kStreamSchema));
  return std::unique_ptr<InProcessStream>(new InProcessStream(std::move(db), clock));
}

Status InProcessStream::publish(const std::vector<Event>& events) {
  if (events.empty()) return Status::Ok();
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement insert,
        db.prepare("INSERT OR IGNORE INTO messages(event_id, subject, payload, occurred_at)"
                   " VALUES (?, ?, ?, ?)"));
    for (const Event& event : events) {
      FAFNIR_RETURN_IF_ERROR(insert.bind(1, event.id)
                                 .bind(2, event.subject)
                                 .bind(3, event.payload)
                                 .bind(4, event.occurred_at.micros)
                                 .run());
      insert.reset();
    }
    return Status::Ok();
  });
}

Status InProcessStream::subscribe(ConsumerConfig config, EventHandler handler) {
  if (config.group.empty() || config.subjects.empty() || config.max_deliveries < 1) {
    return Status::InvalidArgument("a consumer needs a group name, subjects and max_deliveries >= 1");
  }
  std::lock_guard lock(subscriptions_mutex_);
  for (const Subscription& existing : subscriptions_) {
    if (existing.config.group == config.group) {
      return Status::AlreadyExists("consumer group '" + config.group + "' is already subscribed");
    }
  }
  FAFNIR_RETURN_IF_ERROR(db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement insert,
                            db.prepare("INSERT OR IGNORE INTO consumer_groups(name) VALUES (?)"));
    return insert.bind(1, config.group).run();
  }));
  subscriptions_.push_back({std::move(config), std::move(handler)});
  return Status::Ok();
}

Result<std::size_t> InProcessStream::dispatch() {
  std::lock_guard dispatching(dispatch_mutex_);
  std::vector<const Subscription*> subscriptions;
  {
    std::lock_guard lock(subscriptions_mutex_);
    for (const Subscription& subscription : subscriptions_) subscriptions.push_back(&subscription);
  }
  std::size_t delivered = 0;
  for (const Subscription* subscription : subscriptions) {
    FAFNIR_ASSIGN_OR_RETURN(std::size_t count, dispatch_to(*subscription));
    delivered += count;
  }
  return delivered;
}

Result<std::size_t> InProcessStream::dispatch_to(const Subscription& subscription) {
  const std::string& group = subscription.config.group;
  std::size_t delivered = 0;
  auto deliver = [&](const std::vector<Delivery>& batch) {
    std::vector<Outcome> outcomes;
    for (const Delivery& delivery : batch) {
      if (!wanted_by(subscription.config, delivery.event.subject)) continue;
      outcomes.push_back(
          {delivery.sequence, delivery.attempt, run_handler(subscription.handler, delivery)});
      ++delivered;
    }
    return outcomes;
  };

  // Retries that are due get one pass per call, so a handler that keeps asking for an immediate
  // retry cannot keep dispatch() busy forever.
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Delivery> retries, due_retries(group));
  FAFNIR_RETURN_IF_ERROR(record(subscription, deliver(retries), 0));
  while (true) {
    FAFNIR_ASSIGN_OR_RETURN(std::vector<Delivery> batch, next_messages(group));
    if (batch.empty()) return delivered;
    FAFNIR_RETURN_IF_ERROR(record(subscription, deliver(batch), batch.back().sequence));
  }
}

Result<std::vector<Delivery>> InProcessStream::due_retries(const std::string& group) {
  std::vector<Delivery> deliveries;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT m.sequence, m.event_id, m.subject, m.payload, m.occurred_at, r.attempts"
                   " FROM retries r JOIN messages m ON m.sequence = r.sequence"
                   " WHERE r.group_name = ? AND r.due_at <= ? ORDER BY r.sequence LIMIT ?"));
    return query.bind(1, group).bind(2, clock_.now().micros).bind(3, kBatchSize)
        .for_each_row([&](const SqliteStatement& row) {
          deliveries.push_back(read_delivery(row, static_cast<int>(row.column_int64(5)) + 1));
        });
  });
  if (!status.ok()) return status;
  return deliveries;
}

Result<std::vector<Delivery>> InProcessStream::next_messages(const std::string& group) {
  std::vector<Delivery> deliveries;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT sequence, event_id, subject, payload, occurred_at FROM messages"
                   " WHERE sequence > (SELECT cursor FROM consumer_groups WHERE name = ?)"
                   " ORDER BY sequence LIMIT ?"));
    return query.bind(1, group).bind(2, kBatchSize).for_each_row(
        [&](const SqliteStatement& row) { deliveries.push_back(read_delivery(row, 1)); });
  });
  if (!status.ok()) return status;
  return deliveries;
}

Status InProcessStream::record(const Subscription& subscription,
                               const std::vector<Outcome>& outcomes, std::int64_t new_cursor) {
  if (outcomes.empty() && new_cursor == 0) return Status::Ok();
  const std::string& group = subscription.config.group;
  Timestamp now = clock_.now();
  return db_->transaction([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement forget_retry,
                            db.prepare("DELETE FROM retries WHERE group_name = ? AND sequence = ?"));
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement schedule_retry,
        db.prepare("INSERT OR REPLACE INTO retries(group_name, sequence, attempts, due_at)"
                   " VALUES (?, ?, ?, ?)"));
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement bury,
        db.prepare("INSERT OR REPLACE INTO dead_letters"
                   "(group_name, sequence, attempts, reason, failed_at) VALUES (?, ?, ?, ?, ?)"));
    for (const Outcome& outcome : outcomes) {
      const Disposition& disposition = outcome.disposition;
      bool exhausted = disposition.kind == Disposition::Kind::kRetryLater &&
                       outcome.attempt >= subscription.config.max_deliveries;
      if (disposition.kind == Disposition::Kind::kRetryLater && !exhausted) {
        FAFNIR_RETURN_IF_ERROR(schedule_retry.bind(1, group)
                                   .bind(2, outcome.sequence)
                                   .bind(3, std::int64_t{outcome.attempt})
                                   .bind(4, (now + disposition.delay).micros)
                                   .run());
        schedule_retry.reset();
        continue;
      }
      FAFNIR_RETURN_IF_ERROR(forget_retry.bind(1, group).bind(2, outcome.sequence).run());
      forget_retry.reset();
      if (disposition.kind == Disposition::Kind::kAck) continue;
      std::string reason = exhausted ? "gave up after " + std::to_string(outcome.attempt) +
                                           " attempts: " + disposition.reason
                                     : disposition.reason;
      FAFNIR_RETURN_IF_ERROR(bury.bind(1, group)
                                 .bind(2, outcome.sequence)
                                 .bind(3, std::int64_t{outcome.attempt})
                                 .bind(4, reason)
                                 .bind(5, now.micros)
                                 .run());
      bury.reset();
    }
    if (new_cursor == 0) return Status::Ok();
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement advance,
        db.prepare("UPDATE consumer_groups SET cursor = MAX(cursor, ?) WHERE name = ?"));
    return advance.bind(1, new_cursor).bind(2, group).run();
  });
}

Result<std::vector<DeadLetter>> InProcessStream::dead_letters(std::string_view group) {
  std::vector<DeadLetter> letters;
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT m.event_id, m.subject, m.payload, m.occurred_at, d.attempts, d.reason,"
                   " d.failed_at FROM dead_letters d JOIN messages m ON m.sequence = d.sequence"
                   " WHERE d.group_name = ? ORDER BY d.failed_at, d.sequence"));
    return query.bind(1, group).for_each_row([&](const SqliteStatement& row) {
      letters.push_back(DeadLetter{std::string(group),
                                   Event{row.column_text(0), row.column_text(1), row.column_text(2),
                                         Timestamp{row.column_int64(3)}},
                                   static_cast<int>(row.column_int64(4)), row.column_text(5),
                                   Timestamp{row.column_int64(6)}});
    });
  });
  if (!status.ok()) return status;
  return letters;
}

}  // namespace fafnir
