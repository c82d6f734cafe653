#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "storage/sqlite/sqlite_database.h"
#include "tests/support/sqlite_rows.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

const Schema kNotes{"notes", {{1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"}}};

constexpr std::uintmax_t kPageBytes = 4096;
constexpr std::uintmax_t kFrameBytes = kPageBytes + 24;

std::shared_ptr<SqliteDatabase> open_notes(const std::filesystem::path& path,
                                           WalCheckpointer::Thresholds thresholds) {
  SqliteOptions options;
  options.exclusive = true;
  options.checkpoints = thresholds;
  Result<std::shared_ptr<SqliteDatabase>> opened = SqliteDatabase::open(path, kNotes, options);
  INFO(opened.status().to_string());
  REQUIRE(opened.ok());
  return *opened;
}

// Each commit adds a row of about one page, so the log grows by at least one frame per commit.
void write_notes(SqliteDatabase& db, int count) {
  for (int n = 0; n < count; ++n) {
    Status written = db.transaction([n](SqliteDatabase& conn) -> Status {
      FAFNIR_ASSIGN_OR_RETURN(SqliteStatement insert,
                              conn.prepare("INSERT INTO notes(id, body) VALUES (?, ?)"));
      return insert.bind(1, std::int64_t{n}).bind(2, std::string(3000, 'n')).run();
    });
    REQUIRE(written.ok());
  }
}

TEST_CASE("the background checkpointer copies the log into the database file without the writer",
          "[sqlite][checkpoint]") {
  TempDir dir;
  std::filesystem::path path = dir.path() / "notes.db";
  // The writer's own threshold is out of reach: only the background thread can checkpoint.
  std::shared_ptr<SqliteDatabase> db = open_notes(path, {.background_pages = 16,
                                                         .writer_pages = 1'000'000});
  std::uintmax_t opened_bytes = std::filesystem::file_size(path);
  write_notes(*db, 200);

  bool copied = false;
  for (int attempt = 0; attempt < 500 && !copied; ++attempt) {
    copied = std::filesystem::file_size(path) >= opened_bytes + 150 * kPageBytes;
    if (!copied) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(copied);
  Result<std::int64_t> notes = count_rows(*db, "notes");
  REQUIRE(notes.ok());
  CHECK(*notes == 200);
}

TEST_CASE("the writer checkpoints itself when the log reaches its limit, and nothing is lost",
          "[sqlite][checkpoint]") {
  TempDir dir;
  std::filesystem::path path = dir.path() / "notes.db";
  // The background thread is never asked: only the writer's own checkpoint restarts the log.
  WalCheckpointer::Thresholds thresholds{.background_pages = 1'000'000, .writer_pages = 64};
  {
    std::shared_ptr<SqliteDatabase> db = open_notes(path, thresholds);
    write_notes(*db, 1000);
    // Without checkpoints the log would hold over 1,000 frames.
    std::uintmax_t wal_bytes = std::filesystem::file_size(dir.path() / "notes.db-wal");
    CHECK(wal_bytes <= 72 * kFrameBytes);
  }
  std::shared_ptr<SqliteDatabase> reopened = open_notes(path, thresholds);
  Result<std::int64_t> notes = count_rows(*reopened, "notes");
  REQUIRE(notes.ok());
  CHECK(*notes == 1000);
}

}  // namespace
}  // namespace fafnir
