#pragma once

#include "core/platform/transport.h"

namespace fafnir {

// The default transport: one SQLite file per service in the data directory (auth.db,
// security.db, user.db, stock.db, order.db, portfolio.db) and the in-process stream in
// stream.db. Creates the directory and files
// on first use and migrates older ones forward.
class EmbeddedTransport final : public Transport {
 public:
  static constexpr std::string_view kName = "embedded";

  std::string_view name() const override { return kName; }
  Result<Ports> open(const TransportContext& context) override;
};

}  // namespace fafnir
