#pragma once

#include <cstdint>
#include <string_view>

#include "core/common/status.h"
#include "storage/sqlite/sqlite_database.h"

namespace fafnir {

// SELECT COUNT(*) FROM `table_and_filter` (a table name, optionally followed by a WHERE clause).
Result<std::int64_t> count_rows(SqliteDatabase& db, std::string_view table_and_filter);

}  // namespace fafnir
