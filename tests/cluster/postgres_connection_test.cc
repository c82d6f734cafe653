#include "transports/cluster/postgres_connection.h"

#include <catch2/catch.hpp>

#include "tests/cluster/cluster_test_database.h"
#include "transports/cluster/postgres_migrator.h"

namespace fafnir {
namespace {

const Schema kNotesSchema{"notes",
                          {{1, "notes", "CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT);"},
                           {2, "note sizes", "ALTER TABLE notes ADD COLUMN size BIGINT;"}}};

}  // namespace

TEST_CASE("a row written with bound parameters reads back unchanged", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  auto db = PostgresConnection::connect(fresh_postgres_database(*servers));
  REQUIRE(db.ok());
  REQUIRE((*db)->execute("CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT, size BIGINT)").ok());

  std::string tricky = "it's; DROP TABLE notes; --";
  auto inserted = (*db)->query("INSERT INTO notes VALUES ($1, $2, $3)", {"n1", tricky, "-42"});
  REQUIRE(inserted.ok());
  CHECK(inserted->affected_rows() == 1);
  REQUIRE((*db)->query("INSERT INTO notes VALUES ($1, $2, $3)", {"n2", std::nullopt, "7"}).ok());

  auto rows = (*db)->query("SELECT id, body, size FROM notes ORDER BY id");
  REQUIRE(rows.ok());
  REQUIRE(rows->rows() == 2);
  CHECK(rows->text(0, 1) == tricky);
  CHECK(rows->int64(0, 2).value() == -42);
  CHECK(rows->is_null(1, 1));
  CHECK_FALSE(rows->int64(0, 1).ok());  // text is not an integer

  SECTION("a duplicate key is AlreadyExists and changes nothing") {
    auto duplicate = (*db)->query("INSERT INTO notes VALUES ($1, $2, $3)", {"n1", "x", "1"});
    CHECK(duplicate.status().code() == ErrorCode::kAlreadyExists);
  }
  SECTION("a failed transaction rolls back every statement in it") {
    Status status = (*db)->transaction([](PostgresConnection& tx) -> Status {
      FAFNIR_RETURN_IF_ERROR(tx.query("DELETE FROM notes WHERE id = $1", {"n2"}).status());
      return Status::FailedPrecondition("changed my mind");
    });
    CHECK(status.message() == "changed my mind");
    CHECK((*db)->query("SELECT 1 FROM notes")->rows() == 2);
  }
}

TEST_CASE("a service schema is created and migrated once, even when asked twice", "[cluster]") {
  ClusterServers* servers = ClusterServers::shared();
  if (servers == nullptr) return;
  std::string url = fresh_postgres_database(*servers);
  auto db = PostgresConnection::connect(url);
  REQUIRE(db.ok());
  REQUIRE(migrate_postgres_schema(**db, kNotesSchema).ok());
  REQUIRE(migrate_postgres_schema(**db, kNotesSchema).ok());

  auto versions = (*db)->query("SELECT version FROM notes.schema_migrations ORDER BY version");
  REQUIRE(versions.ok());
  CHECK(versions->rows() == 2);
  auto in_schema = PostgresConnection::connect(url, "notes");
  REQUIRE(in_schema.ok());
  CHECK((*in_schema)->query("INSERT INTO notes VALUES ($1, $2, $3)", {"a", "b", "1"}).ok());

  SECTION("a build that knows fewer migrations refuses the newer schema") {
    Schema older{"notes", {kNotesSchema.migrations.front()}};
    CHECK(migrate_postgres_schema(**db, older).code() == ErrorCode::kFailedPrecondition);
  }
}

TEST_CASE("an unreachable PostgreSQL is a clear error without the password", "[cluster]") {
  auto db = PostgresConnection::connect("postgresql://fafnir:s3cret@127.0.0.1:1/fafnir");
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().message().rfind("cannot connect to PostgreSQL at postgresql://fafnir:***@", 0) == 0);
  CHECK(db.status().message().find("s3cret") == std::string::npos);
}

}  // namespace fafnir
