#include "transports/cluster/cluster_transport.h"

#include "transports/cluster/cluster_options.h"
#include "transports/cluster/jetstream_stream.h"
#include "transports/cluster/nats_connection.h"
#include "transports/cluster/postgres_auth_repository.h"
#include "transports/cluster/postgres_market_leadership.h"
#include "transports/cluster/postgres_market_repository.h"
#include "transports/cluster/postgres_migrator.h"
#include "transports/cluster/postgres_order_store.h"
#include "transports/cluster/postgres_outbox.h"
#include "transports/cluster/postgres_portfolio_store.h"
#include "transports/cluster/postgres_profile_repository.h"
#include "transports/cluster/postgres_security_repository.h"
#include "transports/cluster/postgres_stream_store.h"
#include "transports/cluster/redis_connection.h"
#include "transports/cluster/redis_market_revisions.h"
#include "transports/cluster/redis_resting_order_index.h"

namespace fafnir {

Result<Ports> ClusterTransport::open(const TransportContext& context) {
  if (context.clock == nullptr) return Status::InvalidArgument("cluster transport: no clock");
  FAFNIR_ASSIGN_OR_RETURN(ClusterOptions options, ClusterOptions::from_environment(lookup_));
  {
    FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<PostgresConnection> postgres,
                            PostgresConnection::connect(options.postgres_url));
    for (const Schema* schema :
         {&PostgresAuthRepository::schema(), &PostgresSecurityRepository::schema(),
          &PostgresProfileRepository::schema(), &PostgresMarketRepository::schema(),
          &PostgresOrderStore::schema(), &PostgresPortfolioStore::schema(),
          &PostgresStreamStore::schema()}) {
      FAFNIR_RETURN_IF_ERROR(migrate_postgres_schema(*postgres, *schema));
    }
  }
  // A session of its own per store, with unqualified names resolving to the store's schema.
  auto connect = [&](const Schema& schema) {
    return PostgresConnection::connect(options.postgres_url, schema.name);
  };
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<RedisConnection> redis,
                          RedisConnection::connect(options.redis_url));
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<RedisConnection> revisions_redis,
                          RedisConnection::connect(options.redis_url));
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<NatsConnection> nats,
                          NatsConnection::connect(options.nats_url));

  Ports ports;
  ports.resting_orders = std::make_unique<RedisRestingOrderIndex>(std::move(redis));
  FAFNIR_ASSIGN_OR_RETURN(auto auth_db, connect(PostgresAuthRepository::schema()));
  ports.auth = std::make_unique<PostgresAuthRepository>(std::move(auth_db));
  FAFNIR_ASSIGN_OR_RETURN(auto security_db, connect(PostgresSecurityRepository::schema()));
  ports.security = std::make_unique<PostgresSecurityRepository>(std::move(security_db));
  FAFNIR_ASSIGN_OR_RETURN(auto user_db, connect(PostgresProfileRepository::schema()));
  ports.profiles = std::make_unique<PostgresProfileRepository>(std::move(user_db));
  FAFNIR_ASSIGN_OR_RETURN(auto stock_db, connect(PostgresMarketRepository::schema()));
  ports.market = std::make_unique<PostgresMarketRepository>(std::move(stock_db));
  ports.market_revisions = std::make_unique<RedisMarketRevisions>(std::move(revisions_redis));
  FAFNIR_ASSIGN_OR_RETURN(auto order_db, connect(PostgresOrderStore::schema()));
  ports.orders = std::make_unique<PostgresOrderStore>(std::move(order_db));
  FAFNIR_ASSIGN_OR_RETURN(auto portfolio_db, connect(PostgresPortfolioStore::schema()));
  ports.portfolio = std::make_unique<PostgresPortfolioStore>(std::move(portfolio_db));

  // The services whose stores publish events, as in the embedded transport: auth and order.
  for (const Schema* schema : {&PostgresAuthRepository::schema(), &PostgresOrderStore::schema()}) {
    FAFNIR_ASSIGN_OR_RETURN(auto outbox_db, connect(*schema));
    ports.outboxes.push_back(std::make_unique<PostgresOutbox>(std::move(outbox_db)));
  }

  ports.leadership = std::make_unique<PostgresMarketLeadership>(options.postgres_url);

  FAFNIR_ASSIGN_OR_RETURN(auto claims_db, connect(PostgresStreamStore::schema()));
  FAFNIR_ASSIGN_OR_RETURN(auto stream_db, connect(PostgresStreamStore::schema()));
  auto store = std::make_unique<PostgresStreamStore>(std::move(claims_db), std::move(stream_db));
  FAFNIR_ASSIGN_OR_RETURN(ports.stream,
                          JetStreamStream::open(std::move(nats), std::move(store), *context.clock));
  return ports;
}

}  // namespace fafnir
