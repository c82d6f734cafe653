#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace fafnir {

// Calendar days are counted from 1970-01-01 (day 0, "epoch days"). Trading days are the weekdays,
// Monday to Friday, numbered consecutively: trading day 0 is Monday 1970-01-05, -1 is Friday
// 1970-01-02. Holidays are not modelled.

// True for Monday to Friday.
bool is_weekday(std::int64_t epoch_day);

// The trading day of `epoch_day`, or of the last weekday before it when it is a weekend day.
std::int64_t trading_day_on_or_before(std::int64_t epoch_day);

// The epoch day of `trading_day` (always a weekday).
std::int64_t epoch_day_of(std::int64_t trading_day);

// "YYYY-MM-DD" of an epoch day.
std::string format_date(std::int64_t epoch_day);

// Parses exactly "YYYY-MM-DD" (a real calendar date) into an epoch day; InvalidArgument otherwise.
Result<std::int64_t> parse_date(std::string_view text);

// The epoch day `months` calendar months before `epoch_day`, the day of month clamped to the
// length of the target month (March 31 minus one month is February 28 or 29).
std::int64_t months_before(std::int64_t epoch_day, int months);

}  // namespace fafnir
