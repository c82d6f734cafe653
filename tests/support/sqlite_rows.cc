#include "tests/support/sqlite_rows.h"

#include <string>

namespace fafnir {

Result<std::int64_t> count_rows(SqliteDatabase& db, std::string_view table_and_filter) {
  std::int64_t count = 0;
  FAFNIR_RETURN_IF_ERROR(db.read([&](SqliteDatabase& conn) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(SqliteStatement query,
                            conn.prepare("SELECT COUNT(*) FROM " + std::string(table_and_filter)));
    FAFNIR_ASSIGN_OR_RETURN(bool row, query.step());
    if (row) count = query.column_int64(0);
    return Status::Ok();
  }));
  return count;
}

}  // namespace fafnir
