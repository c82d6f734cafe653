#include "core/stock/market_calendar.h"

#include <catch2/catch.hpp>

#include "core/stock/trading_days.h"
#include "tests/support/market_fixture.h"

namespace fafnir {
namespace {

MarketState state_at(const MarketCalendar& calendar, std::string_view time) {
  return calendar.state(at(time));
}

TEST_CASE("trading days number the weekdays consecutively", "[market]") {
  std::int64_t friday = *parse_date("2026-01-09");
  std::int64_t monday = *parse_date("2026-01-12");
  CHECK(is_weekday(friday));
  CHECK_FALSE(is_weekday(friday + 1));
  CHECK_FALSE(is_weekday(friday + 2));
  CHECK(trading_day_on_or_before(monday) == trading_day_on_or_before(friday) + 1);
  CHECK(trading_day_on_or_before(friday + 1) == trading_day_on_or_before(friday));
  CHECK(epoch_day_of(trading_day_on_or_before(monday)) == monday);
  CHECK(format_date(epoch_day_of(trading_day_on_or_before(friday + 2))) == "2026-01-09");
  CHECK(format_date(epoch_day_of(-1)) == "1970-01-02");
  CHECK(format_date(months_before(*parse_date("2026-03-31"), 1)) == "2026-02-28");
  CHECK_FALSE(parse_date("2026-02-30").ok());
  CHECK_FALSE(parse_date("2026-1-05").ok());
}

TEST_CASE("24h sessions are always REGULAR and roll over at midnight UTC", "[market]") {
  MarketCalendar calendar(SessionMode::k24h);
  CHECK(state_at(calendar, "2026-01-05T03:00:00Z") == MarketState::kRegular);
  CHECK(state_at(calendar, "2026-01-10T12:00:00Z") == MarketState::kRegular);  // Saturday

  TradingSession monday = calendar.session_at_or_before(at("2026-01-05T10:17:30Z"));
  CHECK(monday.open == at("2026-01-05T00:00:00Z"));
  CHECK(monday.close == at("2026-01-06T00:00:00Z"));
  CHECK(monday.steps == 1440);
  CHECK(monday.step_at(at("2026-01-05T10:17:30Z")) == 10 * 60 + 17);

  // A weekend belongs to Friday's session, whose prices hold until Monday.
  TradingSession weekend = calendar.session_at_or_before(at("2026-01-11T20:00:00Z"));
  CHECK(weekend.open == at("2026-01-09T00:00:00Z"));
  CHECK(calendar.session_at_or_after(at("2026-01-10T08:00:00Z")).open ==
        at("2026-01-12T00:00:00Z"));

  CHECK_FALSE(calendar.next_open(at("2026-01-05T10:00:00Z")).has_value());
  CHECK(calendar.next_close(at("2026-01-05T10:00:00Z")) == at("2026-01-06T00:00:00Z"));
  CHECK(calendar.next_close(at("2026-01-10T10:00:00Z")) == at("2026-01-11T00:00:00Z"));
  CHECK(calendar.next_close(at("2026-01-06T00:00:00Z")) == at("2026-01-07T00:00:00Z"));

  CHECK(calendar.next_price_step(at("2026-01-05T10:17:30Z")) == at("2026-01-05T10:18:00Z"));
  CHECK(calendar.next_price_step(at("2026-01-05T10:18:00Z")) == at("2026-01-05T10:19:00Z"));
  CHECK(calendar.next_price_step(at("2026-01-09T23:59:00Z")) == at("2026-01-12T00:00:00Z"));
  CHECK(calendar.next_price_step(at("2026-01-10T05:00:00Z")) == at("2026-01-12T00:00:00Z"));
}

TEST_CASE("exchange sessions follow New York hours in winter", "[market]") {
  MarketCalendar calendar(SessionMode::kExchange);
  // Monday 2026-01-05, EST (UTC-5): 04:00 = 09:00Z, 09:30 = 14:30Z, 16:00 = 21:00Z, 20:00 = 01:00Z.
  CHECK(state_at(calendar, "2026-01-05T08:59:59Z") == MarketState::kClosed);
  CHECK(state_at(calendar, "2026-01-05T09:00:00Z") == MarketState::kPre);
  CHECK(state_at(calendar, "2026-01-05T14:29:59Z") == MarketState::kPre);
  CHECK(state_at(calendar, "2026-01-05T14:30:00Z") == MarketState::kRegular);
  CHECK(state_at(calendar, "2026-01-05T20:59:59Z") == MarketState::kRegular);
  CHECK(state_at(calendar, "2026-01-05T21:00:00Z") == MarketState::kPost);
  CHECK(state_at(calendar, "2026-01-06T00:59:59Z") == MarketState::kPost);
  CHECK(state_at(calendar, "2026-01-06T01:00:00Z") == MarketState::kClosed);
  // Weekend: Saturday midday and Sunday evening New York time.
  CHECK(state_at(calendar, "2026-01-10T15:00:00Z") == MarketState::kClosed);
  CHECK(state_at(calendar, "2026-01-11T23:00:00Z") == MarketState::kClosed);
  // Friday evening UTC is still Friday's POST in New York.
  CHECK(state_at(calendar, "2026-01-09T23:00:00Z") == MarketState::kPost);

  TradingSession monday = calendar.session_at_or_before(at("2026-01-05T15:00:00Z"));
  CHECK(monday.open == at("2026-01-05T14:30:00Z"));
  CHECK(monday.close == at("2026-01-05T21:00:00Z"));
  CHECK(monday.steps == 390);
  // Before Monday's open, the latest session is Friday's.
  CHECK(calendar.session_at_or_before(at("2026-01-05T14:00:00Z")).open ==
        at("2026-01-02T14:30:00Z"));
}

TEST_CASE("exchange sessions follow New York hours in summer", "[market]") {
  MarketCalendar calendar(SessionMode::kExchange);
  // Monday 2026-07-06, EDT (UTC-4).
  CHECK(state_at(calendar, "2026-07-06T08:00:00Z") == MarketState::kPre);
  CHECK(state_at(calendar, "2026-07-06T13:29:00Z") == MarketState::kPre);
  CHECK(state_at(calendar, "2026-07-06T13:30:00Z") == MarketState::kRegular);
  CHECK(state_at(calendar, "2026-07-06T20:00:00Z") == MarketState::kPost);
  CHECK(state_at(calendar, "2026-07-07T00:00:00Z") == MarketState::kClosed);
}

TEST_CASE("US daylight saving time switches at 02:00 local on the right Sundays", "[market]") {
  // 2026: second Sunday of March is March 8; first Sunday of November is November 1.
  CHECK_FALSE(MarketCalendar::is_us_daylight_time(at("2026-03-08T06:59:59Z")));
  CHECK(MarketCalendar::is_us_daylight_time(at("2026-03-08T07:00:00Z")));
  CHECK(MarketCalendar::is_us_daylight_time(at("2026-11-01T05:59:59Z")));
  CHECK_FALSE(MarketCalendar::is_us_daylight_time(at("2026-11-01T06:00:00Z")));
  // 2025: March 9 and November 2.
  CHECK_FALSE(MarketCalendar::is_us_daylight_time(at("2025-03-09T06:59:59Z")));
  CHECK(MarketCalendar::is_us_daylight_time(at("2025-03-09T07:00:00Z")));
  CHECK(MarketCalendar::is_us_daylight_time(at("2025-11-02T05:59:59Z")));
  CHECK_FALSE(MarketCalendar::is_us_daylight_time(at("2025-11-02T06:00:00Z")));

  MarketCalendar calendar(SessionMode::kExchange);
  auto open_of = [&](std::string_view date) {
    return calendar.session(trading_day_on_or_before(*parse_date(date))).open;
  };
  CHECK(open_of("2026-03-06") == at("2026-03-06T14:30:00Z"));  // Friday before: EST
  CHECK(open_of("2026-03-09") == at("2026-03-09T13:30:00Z"));  // Monday after: EDT
  CHECK(open_of("2026-10-30") == at("2026-10-30T13:30:00Z"));  // Friday before: EDT
  CHECK(open_of("2026-11-02") == at("2026-11-02T14:30:00Z"));  // Monday after: EST
}

TEST_CASE("exchange next open, next close and price steps", "[market]") {
  MarketCalendar calendar(SessionMode::kExchange);
  // Friday POST: next open is Monday's, and so is the next close.
  CHECK(calendar.next_open(at("2026-01-09T22:00:00Z")) == at("2026-01-12T14:30:00Z"));
  CHECK(calendar.next_close(at("2026-01-09T22:00:00Z")) == at("2026-01-12T21:00:00Z"));
  // During a session: today's close, tomorrow's open.
  CHECK(calendar.next_close(at("2026-01-12T15:00:00Z")) == at("2026-01-12T21:00:00Z"));
  CHECK(calendar.next_open(at("2026-01-12T15:00:00Z")) == at("2026-01-13T14:30:00Z"));
  // PRE: today's open.
  CHECK(calendar.next_open(at("2026-01-12T10:00:00Z")) == at("2026-01-12T14:30:00Z"));
  // At the close instant the next close is tomorrow's.
  CHECK(calendar.next_close(at("2026-01-12T21:00:00Z")) == at("2026-01-13T21:00:00Z"));

  CHECK(calendar.next_price_step(at("2026-01-12T14:30:30Z")) == at("2026-01-12T14:31:00Z"));
  CHECK(calendar.next_price_step(at("2026-01-12T10:00:00Z")) == at("2026-01-12T14:30:00Z"));
  // The last step is 15:59 New York time; then nothing moves until the next open.
  CHECK(calendar.next_price_step(at("2026-01-12T20:58:00Z")) == at("2026-01-12T20:59:00Z"));
  CHECK(calendar.next_price_step(at("2026-01-12T20:59:00Z")) == at("2026-01-13T14:30:00Z"));
  CHECK(calendar.next_price_step(at("2026-01-16T21:30:00Z")) == at("2026-01-19T14:30:00Z"));

  CHECK(calendar.session_at_or_after(at("2026-01-12T21:00:00Z")).open ==
        at("2026-01-13T14:30:00Z"));
  CHECK(calendar.session_at_or_after(at("2026-01-12T15:00:00Z")).open ==
        at("2026-01-12T14:30:00Z"));
}

}  // namespace
}  // namespace fafnir
