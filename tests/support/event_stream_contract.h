#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/events/event_stream.h"

namespace fafnir {

// Opens a new, empty stream whose retries and dead letters are timed by `clock`.
using StreamOpener = std::function<std::unique_ptr<EventStream>(const Clock& clock)>;

// The behaviour every EventStream shares, as Catch2 sections of one story each: subject filters
// and publication order per group, one delivery per group, de-duplication by event id, retry
// after a delay, dead letters after max_deliveries or on giving up, handlers that throw, late
// groups starting from the beginning, subscription rules, lag, and subscribing from a handler.
// Call it from a TEST_CASE; `open` is called once per section.
void check_event_stream_contract(const StreamOpener& open);

namespace stream_test {

// When the contract's clocks start.
extern const Timestamp kMarketOpen;

Event event_of(std::string id, std::string subject, std::string payload = "{}");

// The stream's operations, REQUIRE-ing success.
void publish(EventStream& stream, const std::vector<Event>& events);
void subscribe(EventStream& stream, ConsumerConfig config, EventHandler handler);
std::size_t dispatch(EventStream& stream);
std::vector<DeadLetter> dead_letters(EventStream& stream, std::string_view group);

// A consumer that remembers every delivery it was handed and acknowledges it.
struct Inbox {
  std::vector<Delivery> deliveries;

  EventHandler acknowledge();
  std::vector<std::string> ids() const;
};

}  // namespace stream_test
}  // namespace fafnir
