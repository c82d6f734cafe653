#include "core/portfolio/portfolio_service.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "core/common/text.h"

namespace fafnir {
namespace {

Status validate_amount(Money amount, Money max) {
  if (!amount.is_positive()) return Status::InvalidArgument("amount must be positive");
  if (amount > max) {
    return Status::InvalidArgument("amount must be at most " + max.format() + " per operation");
  }
  return Status::Ok();
}

Status require_currency(const Account& account, Currency currency) {
  if (account.currency == currency) return Status::Ok();
  return Status::InvalidArgument("account " + account.account_number + " holds " +
                                 std::string(currency_code(account.currency)) + ", not " +
                                 std::string(currency_code(currency)));
}

}  // namespace

std::string PortfolioService::account_number(std::string_view account_id) const {
  std::uint64_t hash = 1469598103934665603ULL;
  for (char c : account_id) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  char number[24];
  std::snprintf(number, sizeof number, "FAF-%04u-%04u", static_cast<unsigned>(hash % 10000),
                static_cast<unsigned>(hash / 10000 % 10000));
  return number;
}

Result<Account> PortfolioService::owned_account(PortfolioTransaction& tx, std::string_view user_id,
                                                std::string_view account_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Account> account, tx.find_account(account_id));
  if (!account || account->user_id != user_id) {
    return Status::NotFound("no account " + std::string(account_id));
  }
  return std::move(*account);
}

Status PortfolioService::credit(PortfolioTransaction& tx, Account& account, TransactionType type,
                                Money amount, std::string description,
                                std::optional<std::string> reference) {
  FAFNIR_ASSIGN_OR_RETURN(account.balance, account.balance.checked_add(amount));
  account.updated_at = clock_.now();
  FAFNIR_RETURN_IF_ERROR(tx.append_ledger({ids_.next(), account.id, type, amount,
                                           std::move(description), std::move(reference),
                                           account.updated_at}));
  return tx.update_account(account);
}

Result<Account> PortfolioService::create_account(std::string_view user_id, AccountType type,
                                                 Currency currency) {
  Account account;
  account.id = ids_.next();
  account.user_id = std::string(user_id);
  account.account_number = account_number(account.id);
  account.type = type;
  account.currency = currency;
  account.created_at = account.updated_at = clock_.now();
  FAFNIR_RETURN_IF_ERROR(store_.transact([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(tx.insert_account(account));
    return credit(tx, account, TransactionType::kDeposit, options_.opening_deposit,
                  "Opening deposit", std::nullopt);
  }));
  return account;
}

Result<std::vector<Account>> PortfolioService::accounts(std::string_view user_id) {
  std::vector<Account> accounts;
  FAFNIR_RETURN_IF_ERROR(store_.read([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(accounts, tx.accounts_of(user_id));
    return Status::Ok();
  }));
  return accounts;
}

Result<Account> PortfolioService::account(std::string_view user_id, std::string_view account_id) {
  Account account;
  FAFNIR_RETURN_IF_ERROR(store_.read([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(account, owned_account(tx, user_id, account_id));
    return Status::Ok();
  }));
  return account;
}

Result<AccountSummary> PortfolioService::summary(std::string_view user_id) {
  AccountSummary summary;
  FAFNIR_ASSIGN_OR_RETURN(summary.accounts, accounts(user_id));
  for (const Account& account : summary.accounts) {
    FAFNIR_ASSIGN_OR_RETURN(Price rate, market_.fx_rate(account.currency, Currency::kUsd));
    summary.total_balance += convert(account.balance, rate);
  }
  return summary;
}

Result<Account> PortfolioService::deposit(std::string_view user_id, std::string_view account_id,
                                          Money amount, Currency currency) {
  FAFNIR_RETURN_IF_ERROR(validate_amount(amount, options_.max_deposit));
  Account account;
  FAFNIR_RETURN_IF_ERROR(store_.transact([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(account, owned_account(tx, user_id, account_id));
    FAFNIR_RETURN_IF_ERROR(require_currency(account, currency));
    return credit(tx, account, TransactionType::kDeposit, amount, "Deposit", std::nullopt);
  }));
  return account;
}

Status PortfolioService::transfer(std::string_view user_id, std::string_view from_account_id,
                                  std::string_view to_account_id, Money amount,
                                  Currency currency) {
  FAFNIR_RETURN_IF_ERROR(validate_amount(amount, options_.max_deposit));
  if (from_account_id == to_account_id) {
    return Status::InvalidArgument("cannot transfer from an account to itself");
  }
  return store_.transact([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(Account from, owned_account(tx, user_id, from_account_id));
    FAFNIR_ASSIGN_OR_RETURN(Account to, owned_account(tx, user_id, to_account_id));
    FAFNIR_RETURN_IF_ERROR(require_currency(from, currency));
    if (from.buying_power() < amount) {
      return Status::FailedPrecondition("insufficient funds: " + from.account_number + " has " +
                                        from.buying_power().format() + " available");
    }
    FAFNIR_ASSIGN_OR_RETURN(Price rate, market_.fx_rate(from.currency, to.currency));
    Money received = convert(amount, rate);
    std::string transfer_id = ids_.next();
    std::string at_rate;
    if (from.currency != to.currency) {
      at_rate = " at " + rate.format(6) + " " + std::string(currency_code(to.currency)) + "/" +
                std::string(currency_code(from.currency));
    }
    FAFNIR_RETURN_IF_ERROR(credit(tx, from, TransactionType::kTransferOut, -amount,
                                  "Transfer to " + to.account_number + at_rate, transfer_id));
    return credit(tx, to, TransactionType::kTransferIn, received,
                  "Transfer from " + from.account_number + at_rate, transfer_id);
  });
}

Status PortfolioService::delete_account(std::string_view user_id, std::string_view account_id) {
  return store_.transact([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(Account account, owned_account(tx, user_id, account_id));
    FAFNIR_ASSIGN_OR_RETURN(std::vector<Holding> held, tx.holdings(account.id));
    if (!held.empty()) {
      return Status::FailedPrecondition("account " + account.account_number +
                                        " still holds shares; sell them first");
    }
    FAFNIR_ASSIGN_OR_RETURN(std::size_t open_orders, tx.count_reservations(account.id));
    if (open_orders > 0) {
      return Status::FailedPrecondition("account " + account.account_number +
                                        " has open orders; cancel them first");
    }
    return tx.delete_account(account.id);
  });
}

Result<std::vector<LedgerEntry>> PortfolioService::transactions(std::string_view user_id,
                                                                std::string_view account_id) {
  std::vector<LedgerEntry> entries;
  FAFNIR_RETURN_IF_ERROR(store_.read([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(owned_account(tx, user_id, account_id).status());
    FAFNIR_ASSIGN_OR_RETURN(entries, tx.ledger(account_id));
    return Status::Ok();
  }));
  return entries;
}

Result<std::vector<Holding>> PortfolioService::holdings(std::string_view user_id,
                                                        std::string_view account_id) {
  std::vector<Holding> held;
  FAFNIR_RETURN_IF_ERROR(store_.read([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(owned_account(tx, user_id, account_id).status());
    FAFNIR_ASSIGN_OR_RETURN(held, tx.holdings(account_id));
    return Status::Ok();
  }));
  return held;
}

Result<Holding> PortfolioService::holding(std::string_view user_id, std::string_view account_id,
                                          std::string_view symbol) {
  std::optional<Holding> found;
  FAFNIR_RETURN_IF_ERROR(store_.read([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(owned_account(tx, user_id, account_id).status());
    FAFNIR_ASSIGN_OR_RETURN(found, tx.find_holding(account_id, to_upper(symbol)));
    return Status::Ok();
  }));
  if (!found) return Status::NotFound("no holding of " + to_upper(symbol) + " in this account");
  return std::move(*found);
}

Result<AccountPerformance> PortfolioService::performance(std::string_view user_id,
                                                         std::string_view account_id) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<AccountPerformance> one,
                          performances({OwnedAccountRef{user_id, account_id}}));
  return std::move(one.front());
}

Result<std::vector<AccountPerformance>> PortfolioService::performances(
    const std::vector<OwnedAccountRef>& accounts) {
  struct Held {
    Account account;
    std::vector<Holding> holdings;
  };
  std::vector<Held> held(accounts.size());
  FAFNIR_RETURN_IF_ERROR(store_.read([&](PortfolioTransaction& tx) -> Status {
    for (std::size_t i = 0; i < accounts.size(); ++i) {
      FAFNIR_ASSIGN_OR_RETURN(held[i].account,
                              owned_account(tx, accounts[i].user_id, accounts[i].account_id));
      FAFNIR_ASSIGN_OR_RETURN(held[i].holdings, tx.holdings(accounts[i].account_id));
    }
    return Status::Ok();
  }));
  struct Quote {
    Price price;
    Currency currency;
  };
  std::unordered_map<std::string_view, Quote> quotes;  // by symbol; keys live in `held`
  std::vector<AccountPerformance> results;
  results.reserve(held.size());
  for (auto& [account, holdings] : held) {
    AccountPerformance& result = results.emplace_back(
        AccountPerformance{std::move(account.id), account.currency, account.balance,
                           account.reserved, Money(), Money(), Money(), account.realized_pnl, {}});
    result.positions.reserve(holdings.size());
    for (const Holding& holding : holdings) {
      auto quote = quotes.find(holding.symbol);
      if (quote == quotes.end()) {
        FAFNIR_ASSIGN_OR_RETURN(const Instrument* instrument, market_.instrument(holding.symbol));
        FAFNIR_ASSIGN_OR_RETURN(Price price, market_.last_price(holding.symbol));
        quote = quotes.emplace(holding.symbol, Quote{price, instrument->currency}).first;
      }
      FAFNIR_ASSIGN_OR_RETURN(Price rate, market_.fx_rate(quote->second.currency, account.currency));
      Price local_price = convert(quote->second.price, rate);
      Money value = notional(local_price, holding.quantity);
      Money unrealized = value - holding.cost_basis;
      result.positions.push_back(
          {holding.symbol, holding.quantity, holding.average_cost, local_price, value, unrealized});
      result.market_value += value;
      result.unrealized_pnl += unrealized;
    }
    result.equity = result.cash + result.market_value;
  }
  return results;
}

Status PortfolioService::add_to_watchlist(std::string_view user_id, std::string_view symbol) {
  FAFNIR_ASSIGN_OR_RETURN(const Instrument* instrument, market_.instrument(symbol));
  return store_.transact([&](PortfolioTransaction& tx) {
    return tx.add_to_watchlist(user_id, {instrument->symbol, clock_.now()});
  });
}

Status PortfolioService::remove_from_watchlist(std::string_view user_id, std::string_view symbol) {
  return store_.transact(
      [&](PortfolioTransaction& tx) { return tx.remove_from_watchlist(user_id, to_upper(symbol)); });
}

Result<std::vector<WatchlistItem>> PortfolioService::watchlist(std::string_view user_id) {
  std::vector<WatchlistItem> items;
  FAFNIR_RETURN_IF_ERROR(store_.read([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(items, tx.watchlist(user_id));
    return Status::Ok();
  }));
  return items;
}

}  // namespace fafnir
