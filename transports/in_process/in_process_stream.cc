#include "transports/in_process/in_process_stream.h"

#include "core/events/delivery_rules.h"

namespace fafnir {
namespace {

const Schema kStreamSchema{
    "stream",
    {{1, "message log, consumer groups, retries, dead letters",
      "CREATE TABLE messages ("
      " sequence INTEGER PRIMARY KEY,"
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

// The SQL condition selecting the subjects `filters` match, when SQL can express it exactly:
// exact subjects and "prefix.>" filters. Empty when some filter needs subject_matches().
std::string sql_subject_condition(const std::vector<std::string>& filters) {
  std::string condition;
  for (const std::string& filter : filters) {
    bool tail_wildcard = filter.size() > 2 && filter.compare(filter.size() - 2, 2, ".>") == 0;
    std::string head = tail_wildcard ? filter.substr(0, filter.size() - 1) : filter;
    if (head.find_first_of("*>?[]'") != std::string::npos) return {};
    condition += condition.empty() ? "(" : " OR ";
    condition += tail_wildcard ? "subject GLOB '" + head + "?*'" : "subject = '" + head + "'";
  }
  return condition.empty() ? condition : condition + ")";
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

const Schema& InProcessStream::schema() { return kStreamSchema; }

Result<std::unique_ptr<InProcessStream>> InProcessStream::open(const std::filesystem::path& path,
                                                               const Clock& clock,
                                                               SqliteOptions options) {
  FAFNIR_ASSIGN_OR_RETURN(std::shared_ptr<SqliteDatabase> db,
                          SqliteDatabase::open(path, kStreamSchema, options));
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
                                 .bind(3, event.json())
                                 .bind(4, event.occurred_at.micros)
                                 .run());
      insert.reset();
    }
    return Status::Ok();
  });
}

Status InProcessStream::subscribe_batches(ConsumerConfig config, BatchHandler handler) {
  return subscriptions_.add(
      std::move(config), std::move(handler), [&](const ConsumerConfig& added) {
        return db_->transaction([&](SqliteDatabase& db) -> Status {
          FAFNIR_ASSIGN_OR_RETURN(
              SqliteStatement insert,
              db.prepare("INSERT OR IGNORE INTO consumer_groups(name) VALUES (?)"));
          return insert.bind(1, added.group).run();
        });
      });
}

Result<std::size_t> InProcessStream::dispatch() {
  return subscriptions_.dispatch(
      [this](const Subscription& subscription) { return dispatch_to(subscription); });
}

Result<std::size_t> InProcessStream::dispatch_to(const Subscription& subscription) {
  std::size_t delivered = 0;
  auto deliver = [&](const std::vector<Delivery>& batch) {
    std::vector<Delivery> wanted;
    for (const Delivery& delivery : batch) {
      if (wants(subscription.config, delivery.event.subject)) wanted.push_back(delivery);
    }
    std::vector<Outcome> outcomes;
    if (wanted.empty()) return outcomes;
    std::vector<Disposition> decisions = decide(subscription.handler, wanted);
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      outcomes.push_back({wanted[i].sequence, wanted[i].attempt, std::move(decisions[i])});
    }
    delivered += wanted.size();
    return outcomes;
  };

  // Retries that are due get one pass per call, so a handler that keeps asking for an immediate
  // retry cannot keep dispatch() busy forever.
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Delivery> retries, due_retries(subscription.config.group));
  FAFNIR_RETURN_IF_ERROR(record(subscription, deliver(retries), 0));
  while (true) {
    FAFNIR_ASSIGN_OR_RETURN(Batch batch, next_messages(subscription));
    if (batch.read_up_to <= batch.cursor) return delivered;
    FAFNIR_RETURN_IF_ERROR(record(subscription, deliver(batch.deliveries), batch.read_up_to));
    if (batch.deliveries.size() < static_cast<std::size_t>(kBatchSize)) return delivered;
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

Result<InProcessStream::Batch> InProcessStream::next_messages(const Subscription& subscription) {
  Batch batch;
  std::string condition = sql_subject_condition(subscription.config.subjects);
  Status status = db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement position,
        db.prepare("SELECT cursor, (SELECT COALESCE(MAX(sequence), 0) FROM messages)"
                   " FROM consumer_groups WHERE name = ?"));
    FAFNIR_ASSIGN_OR_RETURN(bool found, position.bind(1, subscription.config.group).step());
    if (!found) return Status::Internal("consumer group " + subscription.config.group + " vanished");
    batch.cursor = position.column_int64(0);
    std::int64_t end = position.column_int64(1);
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT sequence, event_id, subject, payload, occurred_at FROM messages"
                   " WHERE sequence > ? AND sequence <= ?" +
                   (condition.empty() ? std::string() : " AND " + condition) +
                   " ORDER BY sequence LIMIT ?"));
    FAFNIR_RETURN_IF_ERROR(
        query.bind(1, batch.cursor).bind(2, end).bind(3, kBatchSize).for_each_row(
            [&](const SqliteStatement& row) { batch.deliveries.push_back(read_delivery(row, 1)); }));
    bool full = batch.deliveries.size() == static_cast<std::size_t>(kBatchSize);
    batch.read_up_to = full ? batch.deliveries.back().sequence : end;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return batch;
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
      Verdict verdict =
          judge(outcome.disposition, outcome.attempt, subscription.config.max_deliveries, now);
      if (verdict.kind == Verdict::Kind::kRetry) {
        FAFNIR_RETURN_IF_ERROR(schedule_retry.bind(1, group)
                                   .bind(2, outcome.sequence)
                                   .bind(3, std::int64_t{outcome.attempt})
                                   .bind(4, verdict.due_at.micros)
                                   .run());
        schedule_retry.reset();
        continue;
      }
      FAFNIR_RETURN_IF_ERROR(forget_retry.bind(1, group).bind(2, outcome.sequence).run());
      forget_retry.reset();
      if (verdict.kind == Verdict::Kind::kDone) continue;
      FAFNIR_RETURN_IF_ERROR(bury.bind(1, group)
                                 .bind(2, outcome.sequence)
                                 .bind(3, std::int64_t{outcome.attempt})
                                 .bind(4, verdict.reason)
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

Result<std::vector<ConsumerLag>> InProcessStream::lag() {
  std::vector<ConsumerLag> lags;
  FAFNIR_RETURN_IF_ERROR(db_->read([&](SqliteDatabase& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        db.prepare("SELECT name, (SELECT COALESCE(MAX(sequence), 0) FROM messages) - cursor"
                   " + (SELECT COUNT(*) FROM retries WHERE group_name = name)"
                   " FROM consumer_groups ORDER BY name"));
    return query.for_each_row([&](const SqliteStatement& row) {
      lags.push_back({row.column_text(0), row.column_int64(1)});
    });
  }));
  return lags;
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
