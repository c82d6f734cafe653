#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/events/delivery_rules.h"
#include "core/events/event_stream.h"
#include "storage/sqlite/migration.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// The `stream` schema of a PostgreSQL database: what the cluster EventStream keeps beside
// JetStream, namely the retries its consumer groups asked for (each with a copy of the message,
// since JetStream has been told the message is done with) and their dead letters. Shared by every
// node. Times are the callers' (the stream's injected clock), never the database's.
// Thread-safe: take_due() runs on a connection of its own, one call at a time, so that its
// handler may call the other methods.
class PostgresStreamStore {
 public:
  // The migrations of the stream schema (apply with migrate_postgres_schema).
  static const Schema& schema();

  // REQUIRES: both connections resolve unqualified names to the migrated stream schema.
  // `claims` holds a transaction open while take_due()'s handler runs; `connection` serves the
  // rest.
  PostgresStreamStore(std::unique_ptr<PostgresConnection> claims,
                      std::unique_ptr<PostgresConnection> connection)
      : claims_(std::move(claims)), connection_(std::move(connection)) {}

  // The verdicts on a batch of deliveries, one per delivery in the same order.
  using Judge = std::function<std::vector<Verdict>(const std::vector<Delivery>&)>;

  // Hands `judge` up to `limit` of `group`'s retries that are due at `now`, soonest due first,
  // each as a Delivery whose attempt is one more than the attempts made, and records its verdicts
  // (kDone forgets the retry, kRetry reschedules it, kDeadLetter turns it into a dead letter that
  // failed at `now`). One transaction: the rows stay locked while `judge` runs, and another node
  // calling take_due() skips them, so one node at a time handles a retry; when recording fails
  // nothing changes (the retries come back). Returns the number of deliveries judged.
  Result<std::size_t> take_due(std::string_view group, Timestamp now, std::size_t limit,
                               const Judge& judge);

  // Records the verdicts on `deliveries` (messages `group` read from JetStream, not retries),
  // one per delivery, in one transaction: kRetry stores a retry due at its due_at, kDeadLetter a
  // dead letter failed at `now`, kDone nothing. Recording a message again (JetStream redelivered
  // it) replaces its retry and keeps its first dead letter.
  Status record(std::string_view group, const std::vector<Delivery>& deliveries,
                const std::vector<Verdict>& verdicts, Timestamp now);

  // The number of retries waiting, by group; groups without any are absent.
  Result<std::map<std::string, std::int64_t, std::less<>>> retry_counts();

  // `group`'s dead letters, oldest first (by failure time, then by when they were recorded).
  Result<std::vector<DeadLetter>> dead_letters(std::string_view group);

 private:
  std::mutex claims_mutex_;  // guards claims_
  std::unique_ptr<PostgresConnection> claims_;
  std::mutex mutex_;  // guards connection_
  std::unique_ptr<PostgresConnection> connection_;
};

}  // namespace fafnir
