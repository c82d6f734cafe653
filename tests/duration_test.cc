#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "core/common/timestamp.h"

namespace fafnir {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

Duration parsed(std::string_view text) {
  Result<Duration> duration = parse_duration(text);
  INFO(std::string(text) << ": " << duration.status().to_string());
  REQUIRE(duration.ok());
  return *duration;
}

TEST_CASE("durations read every unit and their combinations", "[duration]") {
  CHECK(parsed("500ms") == milliseconds(500));
  CHECK(parsed("90s") == seconds(90));
  CHECK(parsed("90m") == minutes(90));
  CHECK(parsed("6h") == hours(6));
  CHECK(parsed("1d") == days(1));
  CHECK(parsed("2w") == days(14));
  CHECK(parsed("1h30m") == minutes(90));
  CHECK(parsed("1m30s") == seconds(90));
  CHECK(parsed("1s250ms") == milliseconds(1250));
  CHECK(parsed("2m5ms") == milliseconds(120'005));
}

TEST_CASE("a bad duration is refused with the reason", "[duration]") {
  for (std::string_view text : {"", "5", "m", "5x", "-1m", "0m", "0ms", "5mm", "5ms5", "1.5h",
                                "99999999999999999w"}) {
    Result<Duration> duration = parse_duration(text);
    INFO(text);
    CHECK(duration.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(duration.status().message(), Catch::Contains("bad duration"));
  }
}

}  // namespace
}  // namespace fafnir
