#include "transports/memory/memory_transport.h"

#include "storage/memory/memory_auth_repository.h"
#include "storage/memory/memory_market_repository.h"
#include "storage/memory/memory_order_store.h"
#include "storage/memory/memory_outbox.h"
#include "storage/memory/memory_portfolio_store.h"
#include "storage/memory/memory_profile_repository.h"
#include "storage/memory/memory_security_repository.h"
#include "storage/memory/memory_stream.h"

namespace fafnir {

Result<Ports> MemoryTransport::open(const TransportContext& context) {
  if (context.clock == nullptr)
    return Status::InvalidArgument("the memory transport needs a clock");
  auto auth_outbox = std::make_unique<MemoryOutbox>();
  auto order_outbox = std::make_unique<MemoryOutbox>();
  Ports ports;
  ports.auth = std::make_unique<MemoryAuthRepository>(*auth_outbox);
  ports.security = std::make_unique<MemorySecurityRepository>();
  ports.profiles = std::make_unique<MemoryProfileRepository>();
  ports.market = std::make_unique<MemoryMarketRepository>();
  ports.orders = std::make_unique<MemoryOrderStore>(*order_outbox);
  ports.portfolio = std::make_unique<MemoryPortfolioStore>();
  ports.stream = std::make_unique<MemoryStream>(*context.clock);
  ports.outboxes.push_back(std::move(auth_outbox));
  ports.outboxes.push_back(std::move(order_outbox));
  return ports;
}

}  // namespace fafnir
