#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_database.h"
#include "tests/support/temp_dir.h"

namespace fafnir {
namespace {

const Migration kNotes{1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"};
const Migration kAuthors{2, "note authors and tags",
                         "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown';"
                         "CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes(id),"
                         " tag TEXT NOT NULL);"};
const Migration kArchive{3, "archive", "CREATE TABLE archive (note_id INTEGER PRIMARY KEY);"};
const Migration kBroken{2, "half a change that cannot finish",
                        "CREATE TABLE half_done (x INTEGER);"
                        "INSERT INTO no_such_table VALUES (1);"};

Schema schema_of(std::vector<Migration> migrations) { return {"notes", std::move(migrations)}; }

std::shared_ptr<SqliteDatabase> open_ok(const std::filesystem::path& path, const Schema& schema) {
  Result<std::shared_ptr<SqliteDatabase>> db = SqliteDatabase::open(path, schema);
  INFO(db.status().to_string());
  REQUIRE(db.ok());
  return *db;
}

int version_of(SqliteDatabase& db) {
  Result<int> version = db.schema_version();
  INFO(version.status().to_string());
  REQUIRE(version.ok());
  return *version;
}

// Every version recorded in schema_migrations, in order.
std::vector<int> recorded_versions(SqliteDatabase& db) {
  std::vector<int> versions;
  Status status = db.read([&](SqliteDatabase& d) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                            d.prepare("SELECT version FROM schema_migrations ORDER BY version"));
    return query.for_each_row(
        [&](const SqliteStatement& row) { versions.push_back(static_cast<int>(row.column_int64(0))); });
  });
  REQUIRE(status.ok());
  return versions;
}

bool has_table(SqliteDatabase& db, std::string_view table) {
  bool found = false;
  Status status = db.read([&](SqliteDatabase& d) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                            d.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    FAFNIR_ASSIGN_OR_RETURN(found, query.bind(1, table).step());
    return Status::Ok();
  });
  REQUIRE(status.ok());
  return found;
}

std::string pragma_text(SqliteDatabase& db, std::string_view pragma) {
  std::string value;
  Status status = db.read([&](SqliteDatabase& d) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query, d.prepare(pragma));
    FAFNIR_ASSIGN_OR_RETURN(bool row, query.step());
    if (row) value = query.column_text(0);
    return Status::Ok();
  });
  REQUIRE(status.ok());
  return value;
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_CASE("a fresh file records every migration of its schema", "[migrations]") {
  TempDir dir;
  auto db = open_ok(dir.path() / "notes.db", schema_of({kNotes, kAuthors, kArchive}));

  CHECK(recorded_versions(*db) == std::vector<int>{1, 2, 3});
  CHECK(version_of(*db) == 3);
  CHECK(has_table(*db, "notes"));
  CHECK(has_table(*db, "tags"));
  CHECK(has_table(*db, "archive"));

  std::string description;
  Status status = db->read([&](SqliteDatabase& d) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(
        SqliteStatement query,
        d.prepare("SELECT description FROM schema_migrations WHERE version = 2"));
    return query.for_each_row([&](const SqliteStatement& row) { description = row.column_text(0); });
  });
  REQUIRE(status.ok());
  CHECK(description == "note authors and tags");
}

TEST_CASE("reopening with a longer schema migrates forward and keeps the data", "[migrations]") {
  TempDir dir;
  const auto path = dir.path() / "notes.db";
  {
    auto db = open_ok(path, schema_of({kNotes}));
    CHECK(version_of(*db) == 1);
    REQUIRE(db->transaction([](SqliteDatabase& d) {
                return d.execute("INSERT INTO notes(id, body) VALUES (7, 'written at v1')");
              }).ok());
  }

  auto db = open_ok(path, schema_of({kNotes, kAuthors}));
  CHECK(version_of(*db) == 2);
  CHECK(recorded_versions(*db) == std::vector<int>{1, 2});
  CHECK(has_table(*db, "tags"));

  std::string body;
  std::string author;
  Status status = db->read([&](SqliteDatabase& d) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                            d.prepare("SELECT body, author FROM notes WHERE id = 7"));
    return query.for_each_row([&](const SqliteStatement& row) {
      body = row.column_text(0);
      author = row.column_text(1);
    });
  });
  REQUIRE(status.ok());
  CHECK(body == "written at v1");
  CHECK(author == "unknown");

  SECTION("opening again with the same schema applies nothing twice") {
    db.reset();
    auto again = open_ok(path, schema_of({kNotes, kAuthors}));
    CHECK(recorded_versions(*again) == std::vector<int>{1, 2});
  }
}

TEST_CASE("a file written by a newer schema is refused and left alone", "[migrations]") {
  TempDir dir;
  const auto path = dir.path() / "notes.db";
  open_ok(path, schema_of({kNotes, kAuthors, kArchive}));  // closed again at once
  const std::string before = file_bytes(path);

  Result<std::shared_ptr<SqliteDatabase>> older = SqliteDatabase::open(path, schema_of({kNotes, kAuthors}));

  REQUIRE_FALSE(older.ok());
  CHECK(older.status().code() == ErrorCode::kFailedPrecondition);
  CHECK_THAT(older.status().message(), Catch::Contains(path.string()));
  CHECK_THAT(older.status().message(), Catch::Contains("newer"));
  CHECK(file_bytes(path) == before);

  auto current = open_ok(path, schema_of({kNotes, kAuthors, kArchive}));
  CHECK(version_of(*current) == 3);
  CHECK(recorded_versions(*current) == std::vector<int>{1, 2, 3});
}

TEST_CASE("a migration whose SQL fails is rolled back entirely", "[migrations]") {
  TempDir dir;
  const auto path = dir.path() / "notes.db";
  open_ok(path, schema_of({kNotes}));

  Result<std::shared_ptr<SqliteDatabase>> failed = SqliteDatabase::open(path, schema_of({kNotes, kBroken}));

  REQUIRE_FALSE(failed.ok());
  CHECK_THAT(failed.status().message(), Catch::Contains("migration 2"));
  CHECK_THAT(failed.status().message(), Catch::Contains("no_such_table"));

  auto db = open_ok(path, schema_of({kNotes}));
  CHECK(version_of(*db) == 1);
  CHECK(recorded_versions(*db) == std::vector<int>{1});
  CHECK_FALSE(has_table(*db, "half_done"));  // the statement before the failing one is undone too
}

TEST_CASE("every database runs in WAL mode with foreign keys enforced", "[migrations]") {
  TempDir dir;
  auto db = open_ok(dir.path() / "notes.db", schema_of({kNotes, kAuthors}));

  CHECK(pragma_text(*db, "PRAGMA journal_mode") == "wal");
  CHECK(pragma_text(*db, "PRAGMA foreign_keys") == "1");

  Status orphan = db->transaction([](SqliteDatabase& d) {
    return d.execute("INSERT INTO tags(note_id, tag) VALUES (404, 'orphan')");
  });
  CHECK_FALSE(orphan.ok());
  CHECK_THAT(orphan.message(), Catch::Contains("FOREIGN KEY"));

  Status parented = db->transaction([](SqliteDatabase& d) -> Status {
    FAFNIR_RETURN_IF_ERROR(d.execute("INSERT INTO notes(id, body) VALUES (1, 'parent')"));
    return d.execute("INSERT INTO tags(note_id, tag) VALUES (1, 'child')");
  });
  CHECK(parented.ok());
}

TEST_CASE("a transaction whose work fails leaves no trace", "[migrations]") {
  TempDir dir;
  auto db = open_ok(dir.path() / "notes.db", schema_of({kNotes}));

  Status failed = db->transaction([](SqliteDatabase& d) -> Status {
    FAFNIR_RETURN_IF_ERROR(d.execute("INSERT INTO notes(id, body) VALUES (1, 'doomed')"));
    return Status::InvalidArgument("changed my mind");
  });
  CHECK(failed.code() == ErrorCode::kInvalidArgument);
  CHECK(failed.message() == "changed my mind");

  std::int64_t rows = -1;
  REQUIRE(db->read([&](SqliteDatabase& d) -> Status {
              FAFNIR_ASSIGN_OR_RETURN(SqliteStatement count, d.prepare("SELECT COUNT(*) FROM notes"));
              FAFNIR_ASSIGN_OR_RETURN(bool row, count.step());
              if (row) rows = count.column_int64(0);
              return Status::Ok();
            }).ok());
  CHECK(rows == 0);
}

TEST_CASE("a file that cannot be created is reported, not crashed on", "[migrations]") {
  TempDir dir;
  Result<std::shared_ptr<SqliteDatabase>> db =
      SqliteDatabase::open(dir.path() / "missing" / "notes.db", schema_of({kNotes}));
  REQUIRE_FALSE(db.ok());
  CHECK_THAT(db.status().message(), Catch::Contains("notes.db"));
}

}  // namespace
}  // namespace fafnir
