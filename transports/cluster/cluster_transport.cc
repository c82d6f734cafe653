#include "transports/cluster/cluster_transport.h"

#include "transports/cluster/cluster_options.h"
#include "transports/cluster/nats_connection.h"
#include "transports/cluster/postgres_auth_repository.h"
#include "transports/cluster/postgres_market_repository.h"
#include "transports/cluster/postgres_migrator.h"
#include "transports/cluster/postgres_order_store.h"
#include "transports/cluster/postgres_portfolio_store.h"
#include "transports/cluster/postgres_profile_repository.h"
#include "transports/cluster/postgres_security_repository.h"
#include "transports/cluster/redis_connection.h"

namespace fafnir {
namespace {

const NatsStreamConfig kUsersStream{"users", {"users.>"}};
const NatsStreamConfig kOrdersStream{"orders", {"orders.>"}};

}  // namespace

Result<Ports> ClusterTransport::open(const TransportContext&) {
  FAFNIR_ASSIGN_OR_RETURN(ClusterOptions options, ClusterOptions::from_environment(lookup_));
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<PostgresConnection> postgres,
                          PostgresConnection::connect(options.postgres_url));
  for (const Schema* schema :
       {&PostgresAuthRepository::schema(), &PostgresSecurityRepository::schema(),
        &PostgresProfileRepository::schema(), &PostgresMarketRepository::schema(),
        &PostgresOrderStore::schema(), &PostgresPortfolioStore::schema()}) {
    FAFNIR_RETURN_IF_ERROR(migrate_postgres_schema(*postgres, *schema));
  }
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<RedisConnection> redis,
                          RedisConnection::connect(options.redis_url));
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<NatsConnection> nats,
                          NatsConnection::connect(options.nats_url));
  FAFNIR_RETURN_IF_ERROR(nats->ensure_stream(kUsersStream));
  FAFNIR_RETURN_IF_ERROR(nats->ensure_stream(kOrdersStream));
  return Status::FailedPrecondition(
      "the cluster transport reached PostgreSQL, Redis and NATS and prepared the auth, security, "
      "user, stock, order and portfolio schemas and the users and orders streams; the auth, "
      "security, profile, market, order and portfolio stores exist on PostgreSQL, but the "
      "JetStream event stream is not implemented yet");
}

}  // namespace fafnir
