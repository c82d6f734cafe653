#pragma once

#include <string_view>

#include "core/common/status.h"
#include "storage/sqlite/sqlite_statement.h"

namespace fafnir {

// The enum stored by name in `column`. Names are written by fafnir itself; an unreadable one
// (a damaged file) reads as `fallback`.
template <typename Enum>
Enum enum_column(const SqliteStatement& row, int column, Result<Enum> (*parse)(std::string_view),
                 Enum fallback = Enum()) {
  Result<Enum> value = parse(row.column_text(column));
  return value.ok() ? *value : fallback;
}

}  // namespace fafnir
