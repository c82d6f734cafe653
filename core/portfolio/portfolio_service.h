#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/id_generator.h"
#include "core/events/event_stream.h"
#include "core/order/order_events.h"
#include "core/portfolio/performance.h"
#include "core/portfolio/portfolio_store.h"
#include "core/portfolio/trading_accounts.h"
#include "core/stock/market_data.h"

namespace fafnir {

struct PortfolioOptions {
  Money opening_deposit = Money::from_micros(500'000'000);  // credited to every new account
  Money max_deposit = Money::from_micros(1'000'000'000'000'000);  // 1e9 per deposit or transfer
};

struct AccountSummary {
  std::vector<Account> accounts;
  Money total_balance;  // every balance converted to USD at the current rate
};

// Accounts, cash, holdings, ledger, watchlist and performance of each user, and the settlement of
// fills. Every method taking a user id answers NotFound for another user's account. Thread-safe.
class PortfolioService final : public TradingAccounts {
 public:
  // Borrows everything; all must outlive the service.
  PortfolioService(PortfolioStore& store, MarketData& market, const Clock& clock,
                   IdGenerator& ids, PortfolioOptions options = {})
      : store_(store), market_(market), clock_(clock), ids_(ids), options_(options) {}

  // Opens the account with the opening deposit recorded in its ledger.
  Result<Account> create_account(std::string_view user_id, AccountType type, Currency currency);
  Result<std::vector<Account>> accounts(std::string_view user_id);
  Result<Account> account(std::string_view user_id, std::string_view account_id);
  Result<AccountSummary> summary(std::string_view user_id);

  // InvalidArgument unless 0 < amount <= max_deposit and `currency` is the account's.
  Result<Account> deposit(std::string_view user_id, std::string_view account_id, Money amount,
                          Currency currency);
  // Between two of the user's accounts; `currency` must be the source account's. A transfer into
  // an account of the other currency converts at the current rate, recorded in both entries.
  // FailedPrecondition when the source's buying power is short.
  Status transfer(std::string_view user_id, std::string_view from_account_id,
                  std::string_view to_account_id, Money amount, Currency currency);
  // FailedPrecondition while the account has holdings or open orders.
  Status delete_account(std::string_view user_id, std::string_view account_id);

  Result<std::vector<LedgerEntry>> transactions(std::string_view user_id,
                                                std::string_view account_id);
  Result<std::vector<Holding>> holdings(std::string_view user_id, std::string_view account_id);
  // NotFound when the account holds none of `symbol`.
  Result<Holding> holding(std::string_view user_id, std::string_view account_id,
                          std::string_view symbol);
  Result<AccountPerformance> performance(std::string_view user_id, std::string_view account_id);
  // The performance of each of `accounts` at one instant, in the same order, read together and
  // with each symbol priced once (e.g. marking every agent of a simulation). NotFound naming the
  // first account that does not exist or belongs to someone else.
  Result<std::vector<AccountPerformance>> performances(const std::vector<OwnedAccountRef>& accounts);

  // Adding is idempotent; NotFound for an unknown symbol.
  Status add_to_watchlist(std::string_view user_id, std::string_view symbol);
  Status remove_from_watchlist(std::string_view user_id, std::string_view symbol);
  Result<std::vector<WatchlistItem>> watchlist(std::string_view user_id);

  // TradingAccounts
  Result<Account> settlement_account(std::string_view user_id,
                                     Currency instrument_currency) override;
  Result<ReservationOutcome> reserve(const Order& order, Money cash) override;
  Result<ReservationOutcome> cover(const Order& order, Money cash) override;

  // Consumer of orders.filled (settles each fill once), orders.cancelled / expired / rejected
  // (releases what the order held) and users.deleted (removes the user's portfolio). Applies a
  // batch in one unit of work, account by account (each account's events in delivery order), so
  // that units settling on several nodes at once lock accounts in one order and cannot deadlock;
  // falls back to one unit per event when that fails.
  std::vector<Disposition> on_events(const std::vector<Delivery>& batch);

  // Returns what reservations hold for orders that were never stored (a crash between reserving
  // and storing the order). REQUIRES: no placement is in flight (call on start).
  Status release_orphaned_reservations(
      const std::function<Result<bool>(std::string_view order_id)>& order_exists);

 private:
  Result<Account> owned_account(PortfolioTransaction& tx, std::string_view user_id,
                                std::string_view account_id);
  Status credit(PortfolioTransaction& tx, Account& account, TransactionType type, Money amount,
                std::string description, std::optional<std::string> reference);
  std::string account_number(std::string_view account_id) const;
  struct Update;  // one delivered event, decoded
  static Update decode(const Event& event);
  Status apply(PortfolioTransaction& tx, const Update& update);
  Status settle_fill(PortfolioTransaction& tx, Account& account, Reservation& reservation,
                     const OrderEvent& event);

  PortfolioStore& store_;
  MarketData& market_;
  const Clock& clock_;
  IdGenerator& ids_;
  PortfolioOptions options_;
};

}  // namespace fafnir
