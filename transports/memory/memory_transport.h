#pragma once

#include "core/platform/transport.h"

namespace fafnir {

// Every port in memory (storage/memory): the services behave as on the embedded transport, with
// the same constraints, orderings and event delivery, but nothing is written to disk and
// everything is gone when the ports are destroyed. For runs that are thrown away afterwards
// (simulations, benchmarks, tests). Ignores TransportContext::data_dir.
class MemoryTransport final : public Transport {
 public:
  static constexpr std::string_view kName = "memory";

  std::string_view name() const override { return kName; }
  // InvalidArgument without a clock (the stream times retries with it).
  Result<Ports> open(const TransportContext& context) override;
};

}  // namespace fafnir
