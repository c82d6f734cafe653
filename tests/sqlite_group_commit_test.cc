#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/sqlite/sqlite_database.h"
#include "tests/support/sqlite_rows.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

const Schema kEntries{"entries",
                      {{1, "entries", "CREATE TABLE entries (writer INTEGER NOT NULL,"
                                      " number INTEGER NOT NULL, PRIMARY KEY (writer, number))"}}};

constexpr int kWriters = 8;
constexpr int kTransactionsPerWriter = 200;

std::shared_ptr<SqliteDatabase> open_entries(const TempDir& dir) {
  Result<std::shared_ptr<SqliteDatabase>> opened = SqliteDatabase::open(dir.path() / "e.db", kEntries);
  INFO(opened.status().to_string());
  REQUIRE(opened.ok());
  return *opened;
}

TEST_CASE("concurrent transactions commit together, and a failing one rolls back alone",
          "[sqlite]") {
  TempDir dir;
  std::shared_ptr<SqliteDatabase> opened = open_entries(dir);
  SqliteDatabase& db = *opened;

  // Every third transaction writes a row and then fails; the others write a row and succeed.
  std::vector<int> wrong_answers(kWriters, 0);
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kWriters; ++writer) {
    threads.emplace_back([&db, &wrong_answers, writer] {
      for (int number = 0; number < kTransactionsPerWriter; ++number) {
        bool fails = number % 3 == 0;
        Status status = db.transaction([&](SqliteDatabase& conn) -> Status {
          FAFNIR_ASSIGN_OR_RETURN(SqliteStatement insert,
                                  conn.prepare("INSERT INTO entries VALUES (?, ?)"));
          FAFNIR_RETURN_IF_ERROR(insert.bind(1, std::int64_t{writer}).bind(2, std::int64_t{number}).run());
          return fails ? Status::FailedPrecondition("refused") : Status::Ok();
        });
        bool answered_right = fails ? status.code() == ErrorCode::kFailedPrecondition : status.ok();
        if (!answered_right) ++wrong_answers[static_cast<std::size_t>(writer)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (int wrong : wrong_answers) CHECK(wrong == 0);
  std::int64_t kept_per_writer = kTransactionsPerWriter - (kTransactionsPerWriter + 2) / 3;
  Result<std::int64_t> kept = count_rows(db, "entries");
  REQUIRE(kept.ok());
  CHECK(*kept == kept_per_writer * kWriters);
  Result<std::int64_t> refused = count_rows(db, "entries WHERE number % 3 = 0");
  REQUIRE(refused.ok());
  CHECK(*refused == 0);
}

TEST_CASE("a transaction sees the writes of those committed before it in the same group",
          "[sqlite]") {
  TempDir dir;
  std::shared_ptr<SqliteDatabase> opened = open_entries(dir);
  SqliteDatabase& db = *opened;

  // Each transaction inserts the next number after the highest present: a lost or interleaved
  // write would show up as a duplicate key (failure) or a gap.
  std::vector<std::thread> threads;
  std::vector<int> failures(kWriters, 0);
  for (int writer = 0; writer < kWriters; ++writer) {
    threads.emplace_back([&db, &failures, writer] {
      for (int n = 0; n < 50; ++n) {
        Status status = db.transaction([](SqliteDatabase& conn) -> Status {
          FAFNIR_ASSIGN_OR_RETURN(SqliteStatement next,
                                  conn.prepare("INSERT INTO entries SELECT 0, COALESCE(MAX(number), -1) + 1"
                                               " FROM entries"));
          return next.run();
        });
        if (!status.ok()) ++failures[static_cast<std::size_t>(writer)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (int failed : failures) CHECK(failed == 0);
  Result<std::int64_t> rows = count_rows(db, "entries");
  Result<std::int64_t> gaps = count_rows(db, "entries WHERE number >= " + std::to_string(kWriters * 50));
  REQUIRE(rows.ok());
  REQUIRE(gaps.ok());
  CHECK(*rows == kWriters * 50);
  CHECK(*gaps == 0);
}

}  // namespace
}  // namespace fafnir
