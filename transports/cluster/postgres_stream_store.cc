#include "transports/cluster/postgres_stream_store.h"

#include "transports/cluster/postgres_columns.h"

namespace fafnir {
namespace {

const Schema kStreamSchema{"stream",
                           {{1, "retries and dead letters of the consumer groups",
                             "CREATE TABLE retries ("
                             " group_name TEXT NOT NULL,"
                             " event_id TEXT NOT NULL,"
                             " subject TEXT NOT NULL,"
                             " payload TEXT NOT NULL,"
                             " occurred_at BIGINT NOT NULL,"
                             " sequence BIGINT NOT NULL,"
                             " attempts INTEGER NOT NULL,"
                             " due_at BIGINT NOT NULL,"
                             " PRIMARY KEY (group_name, event_id));"
                             "CREATE INDEX retries_due ON retries(group_name, due_at);"
                             "CREATE TABLE dead_letters ("
                             " position BIGSERIAL PRIMARY KEY,"
                             " group_name TEXT NOT NULL,"
                             " event_id TEXT NOT NULL,"
                             " subject TEXT NOT NULL,"
                             " payload TEXT NOT NULL,"
                             " occurred_at BIGINT NOT NULL,"
                             " sequence BIGINT NOT NULL,"
                             " attempts INTEGER NOT NULL,"
                             " reason TEXT NOT NULL,"
                             " failed_at BIGINT NOT NULL,"
                             " UNIQUE (group_name, event_id));"}}};

// What becomes of a retry row once `verdict` is decided; a kDone on a message read from JetStream
// has no row to forget unless `forget_done`.
Status apply(PostgresConnection& db, std::string_view group, const Delivery& delivery,
             const Verdict& verdict, Timestamp now, bool forget_done) {
  const Event& event = delivery.event;
  PostgresParam group_name = postgres_text(group);
  if (verdict.kind == Verdict::Kind::kRetry) {
    return db
        .query(
            "INSERT INTO retries(group_name, event_id, subject, payload, occurred_at,"
            " sequence, attempts, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            " ON CONFLICT (group_name, event_id)"
            " DO UPDATE SET attempts = EXCLUDED.attempts, due_at = EXCLUDED.due_at",
            {group_name, event.id, event.subject, event.json(),
             postgres_int64(event.occurred_at.micros), postgres_int64(delivery.sequence),
             postgres_int64(delivery.attempt), postgres_int64(verdict.due_at.micros)})
        .status();
  }
  if (verdict.kind == Verdict::Kind::kDone && !forget_done) return Status::Ok();
  FAFNIR_RETURN_IF_ERROR(db.query("DELETE FROM retries WHERE group_name = $1 AND event_id = $2",
                                  {group_name, event.id})
                             .status());
  if (verdict.kind == Verdict::Kind::kDone) return Status::Ok();
  return db
      .query(
          "INSERT INTO dead_letters(group_name, event_id, subject, payload, occurred_at,"
          " sequence, attempts, reason, failed_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
          " ON CONFLICT (group_name, event_id) DO NOTHING",
          {group_name, event.id, event.subject, event.json(),
           postgres_int64(event.occurred_at.micros), postgres_int64(delivery.sequence),
           postgres_int64(delivery.attempt), verdict.reason, postgres_int64(now.micros)})
      .status();
}

Status count_mismatch(std::size_t verdicts, std::size_t deliveries) {
  return Status::Internal("stream: " + std::to_string(verdicts) + " verdicts for " +
                          std::to_string(deliveries) + " deliveries");
}

}  // namespace

const Schema& PostgresStreamStore::schema() { return kStreamSchema; }

Result<std::size_t> PostgresStreamStore::take_due(std::string_view group, Timestamp now,
                                                  std::size_t limit, const Judge& judge) {
  std::lock_guard lock(claims_mutex_);
  std::size_t judged = 0;
  FAFNIR_RETURN_IF_ERROR(claims_->transaction([&](PostgresConnection& db) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        PostgresResult rows,
        db.query("SELECT event_id, subject, payload, occurred_at, sequence, attempts FROM retries"
                 " WHERE group_name = $1 AND due_at <= $2 ORDER BY due_at, sequence, event_id"
                 " LIMIT $3 FOR UPDATE SKIP LOCKED",
                 {postgres_text(group), postgres_int64(now.micros),
                  postgres_int64(static_cast<std::int64_t>(limit))}));
    if (rows.rows() == 0) return Status::Ok();
    std::vector<Delivery> due;
    for (int row = 0; row < rows.rows(); ++row) {
      FAFNIR_ASSIGN_OR_RETURN(std::int64_t occurred_at, rows.int64(row, 3));
      FAFNIR_ASSIGN_OR_RETURN(std::int64_t sequence, rows.int64(row, 4));
      FAFNIR_ASSIGN_OR_RETURN(std::int64_t attempts, rows.int64(row, 5));
      due.push_back(Delivery{
          Event{rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), Timestamp{occurred_at}},
          sequence, static_cast<int>(attempts) + 1});
    }
    std::vector<Verdict> verdicts = judge(due);
    if (verdicts.size() != due.size()) return count_mismatch(verdicts.size(), due.size());
    for (std::size_t i = 0; i < due.size(); ++i) {
      FAFNIR_RETURN_IF_ERROR(apply(db, group, due[i], verdicts[i], now, /*forget_done=*/true));
    }
    judged = due.size();
    return Status::Ok();
  }));
  return judged;
}

Status PostgresStreamStore::record(std::string_view group, const std::vector<Delivery>& deliveries,
                                   const std::vector<Verdict>& verdicts, Timestamp now) {
  if (verdicts.size() != deliveries.size()) {
    return count_mismatch(verdicts.size(), deliveries.size());
  }
  bool anything = false;
  for (const Verdict& verdict : verdicts) anything |= verdict.kind != Verdict::Kind::kDone;
  if (!anything) return Status::Ok();
  std::lock_guard lock(mutex_);
  return connection_->transaction([&](PostgresConnection& db) -> Status {
    for (std::size_t i = 0; i < deliveries.size(); ++i) {
      FAFNIR_RETURN_IF_ERROR(
          apply(db, group, deliveries[i], verdicts[i], now, /*forget_done=*/false));
    }
    return Status::Ok();
  });
}

Result<std::map<std::string, std::int64_t, std::less<>>> PostgresStreamStore::retry_counts() {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      connection_->query("SELECT group_name, count(*) FROM retries GROUP BY group_name"));
  std::map<std::string, std::int64_t, std::less<>> counts;
  for (int row = 0; row < rows.rows(); ++row) {
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t count, rows.int64(row, 1));
    counts.emplace(rows.text(row, 0), count);
  }
  return counts;
}

Result<std::vector<DeadLetter>> PostgresStreamStore::dead_letters(std::string_view group) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(
      PostgresResult rows,
      connection_->query("SELECT event_id, subject, payload, occurred_at, attempts, reason,"
                         " failed_at FROM dead_letters WHERE group_name = $1"
                         " ORDER BY failed_at, position",
                         {postgres_text(group)}));
  std::vector<DeadLetter> letters;
  for (int row = 0; row < rows.rows(); ++row) {
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t occurred_at, rows.int64(row, 3));
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t attempts, rows.int64(row, 4));
    FAFNIR_ASSIGN_OR_RETURN(std::int64_t failed_at, rows.int64(row, 6));
    letters.push_back(DeadLetter{
        std::string(group),
        Event{rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), Timestamp{occurred_at}},
        static_cast<int>(attempts), rows.text(row, 5), Timestamp{failed_at}});
  }
  return letters;
}

}  // namespace fafnir
