#pragma once

#include "core/platform/transport.h"

namespace fafnir {

// The default transport: one SQLite file per service in the data directory (auth.db,
// security.db, user.db, stock.db, order.db, portfolio.db) and the in-process stream in
// stream.db. Creates the directory (mode 0700) and files on first use and migrates older ones
// forward. One process at a time: the ports hold a lock on the directory.
class EmbeddedTransport final : public Transport {
 public:
  static constexpr std::string_view kName = "embedded";

  std::string_view name() const override { return kName; }
  Result<Ports> open(const TransportContext& context) override;
};

}  // namespace fafnir
