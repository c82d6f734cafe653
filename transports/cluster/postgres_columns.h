#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "transports/cluster/postgres_connection.h"

namespace fafnir {

// `value` (micro-units, a timestamp) as a BIGINT parameter.
inline PostgresParam postgres_int64(std::int64_t value) { return std::to_string(value); }

// The enum stored by name at (row, column) of `rows`. Internal when `parse` does not know the name
// (names are written by fafnir itself, so that is a damaged row).
template <typename Enum>
Result<Enum> postgres_enum(const PostgresResult& rows, int row, int column,
                           Result<Enum> (*parse)(std::string_view)) {
  std::string name = rows.text(row, column);
  Result<Enum> value = parse(name);
  if (!value.ok()) return Status::Internal("postgres: unknown name '" + name + "' in a row");
  return value;
}

// Every row of `rows` read by `read`, in order; the first error `read` returns otherwise.
template <typename T>
Result<std::vector<T>> postgres_rows(const PostgresResult& rows,
                                     Result<T> (*read)(const PostgresResult&, int row)) {
  std::vector<T> values;
  values.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    FAFNIR_ASSIGN_OR_RETURN(T value, read(rows, row));
    values.push_back(std::move(value));
  }
  return values;
}

// The first of `values` (rows a lookup by key selected), or nullopt when there are none.
template <typename T>
std::optional<T> first_of(std::vector<T> values) {
  if (values.empty()) return std::nullopt;
  return std::move(values.front());
}

}  // namespace fafnir
