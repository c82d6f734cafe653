#include "transports/embedded/embedded_transport.h"

#include "storage/auth/sqlite_auth_repository.h"
#include "storage/directory_lock.h"
#include "storage/order/sqlite_order_store.h"
#include "storage/portfolio/sqlite_portfolio_store.h"
#include "storage/security/sqlite_security_repository.h"
#include "storage/sqlite/sqlite_outbox.h"
#include "storage/stock/sqlite_market_repository.h"
#include "storage/user/sqlite_profile_repository.h"
#include "transports/in_process/in_process_stream.h"

namespace fafnir {

Result<Ports> EmbeddedTransport::open(const TransportContext& context) {
  if (context.clock == nullptr) return Status::InvalidArgument("the embedded transport needs a clock");
  const std::filesystem::path& dir = context.data_dir;
  FAFNIR_RETURN_IF_ERROR(create_private_directory(dir));
  FAFNIR_ASSIGN_OR_RETURN(std::shared_ptr<DirectoryLock> lock, DirectoryLock::acquire(dir));
  SqliteOptions options;
  options.exclusive = true;  // the directory lock keeps every other process out
  FAFNIR_ASSIGN_OR_RETURN(auto auth_db,
                          SqliteDatabase::open(dir / "auth.db", SqliteAuthRepository::schema(), options));
  FAFNIR_ASSIGN_OR_RETURN(
      auto security_db, SqliteDatabase::open(dir / "security.db", SqliteSecurityRepository::schema(), options));
  FAFNIR_ASSIGN_OR_RETURN(auto user_db,
                          SqliteDatabase::open(dir / "user.db", SqliteProfileRepository::schema(), options));
  FAFNIR_ASSIGN_OR_RETURN(auto stock_db,
                          SqliteDatabase::open(dir / "stock.db", SqliteMarketRepository::schema(), options));
  FAFNIR_ASSIGN_OR_RETURN(auto order_db,
                          SqliteDatabase::open(dir / "order.db", SqliteOrderStore::schema(), options));
  FAFNIR_ASSIGN_OR_RETURN(
      auto portfolio_db, SqliteDatabase::open(dir / "portfolio.db", SqlitePortfolioStore::schema(), options));
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<InProcessStream> stream,
                          InProcessStream::open(dir / "stream.db", *context.clock, options));

  Ports ports;
  ports.resources.push_back(std::move(lock));
  ports.auth = std::make_unique<SqliteAuthRepository>(auth_db);
  ports.security = std::make_unique<SqliteSecurityRepository>(security_db);
  ports.profiles = std::make_unique<SqliteProfileRepository>(user_db);
  ports.market = std::make_unique<SqliteMarketRepository>(stock_db);
  ports.orders = std::make_unique<SqliteOrderStore>(order_db);
  ports.portfolio = std::make_unique<SqlitePortfolioStore>(portfolio_db);
  ports.stream = std::move(stream);
  ports.outboxes.push_back(std::make_unique<SqliteOutbox>(auth_db));
  ports.outboxes.push_back(std::make_unique<SqliteOutbox>(order_db));
  return ports;
}

}  // namespace fafnir
