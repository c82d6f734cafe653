#pragma once

#include <memory>
#include <vector>

#include "core/auth/auth_repository.h"
#include "core/engine/resting_order_index.h"
#include "core/events/event_stream.h"
#include "core/events/outbox.h"
#include "core/order/order_store.h"
#include "core/platform/market_leadership.h"
#include "core/portfolio/portfolio_store.h"
#include "core/security/security_repository.h"
#include "core/stock/market_repository.h"
#include "core/stock/market_revisions.h"
#include "core/user/profile_repository.h"

namespace fafnir {

// Everything a transport provides for the services to run on: one store per service, the index of
// resting orders, the outbox of each store that publishes events, and the event stream. Owns them
// all.
struct Ports {
  // Whatever must outlive every port below, e.g. the embedded data directory's lock.
  std::vector<std::shared_ptr<void>> resources;
  std::unique_ptr<AuthRepository> auth;
  std::unique_ptr<SecurityRepository> security;
  std::unique_ptr<ProfileRepository> profiles;
  std::unique_ptr<MarketRepository> market;
  std::unique_ptr<MarketRevisions> market_revisions;  // null: no other process shares `market`
  std::unique_ptr<OrderStore> orders;
  std::unique_ptr<RestingOrderIndex> resting_orders;  // null: in-memory, this process only
  std::unique_ptr<PortfolioStore> portfolio;
  std::unique_ptr<EventStream> stream;
  std::vector<std::unique_ptr<Outbox>> outboxes;
  // Which node drives a market several nodes share; null when this process is the only one.
  std::unique_ptr<MarketLeadership> leadership;
};

}  // namespace fafnir
