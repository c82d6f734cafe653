#include "storage/memory/memory_stream.h"

#include <catch2/catch.hpp>

#include "tests/support/event_stream_contract.h"

namespace fafnir {

TEST_CASE("the memory stream keeps the event stream contract", "[stream][memory]") {
  check_event_stream_contract(
      [](const Clock& clock) { return std::make_unique<MemoryStream>(clock); });
}

}  // namespace fafnir
