// The portfolio: accounts and their ledgers, deposits and transfers, deleting accounts, the
// watchlist, and what positions are worth.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/support/trading_fixture.h"

namespace fafnir::trading_test {
namespace {

PortfolioService& portfolio(TradingFixture& f) { return f.platform().portfolio(); }

TEST_CASE("every new account opens with 500.00 recorded in its ledger", "[portfolio]") {
  TradingFixture f({.deposit = "0"});
  std::string savings = f.open_account(f.user(), AccountType::kSavings, Currency::kCad);
  std::string chequing = f.open_account(f.user(), AccountType::kChequing, Currency::kUsd);

  Result<std::vector<Account>> accounts = portfolio(f).accounts(f.user());
  REQUIRE(accounts.ok());
  REQUIRE(accounts->size() == 3);
  CHECK((*accounts)[0].id == f.account_id());  // oldest first
  CHECK((*accounts)[1].type == AccountType::kSavings);
  CHECK((*accounts)[1].currency == Currency::kCad);
  CHECK((*accounts)[2].type == AccountType::kChequing);
  for (const Account& account : *accounts) {
    CHECK(account.balance == money("500.00"));
    CHECK(account.reserved == Money());
    CHECK(account.account_number.rfind("FAF-", 0) == 0);
    std::vector<LedgerEntry> ledger = f.ledger(f.user(), account.id);
    REQUIRE(ledger.size() == 1);
    CHECK(ledger[0].type == TransactionType::kDeposit);
    CHECK(ledger[0].amount == money("500.00"));
  }
  std::string stranger = f.register_user("stranger@example.com");
  CHECK(portfolio(f).account(stranger, savings).status().code() == ErrorCode::kNotFound);
  CHECK(portfolio(f).transactions(stranger, chequing).status().code() == ErrorCode::kNotFound);
  CHECK(portfolio(f).accounts(stranger)->empty());
}

TEST_CASE("deposits must be positive and in the account's currency", "[portfolio]") {
  TradingFixture f({.deposit = "0"});
  Result<Account> deposited =
      portfolio(f).deposit(f.user(), f.account_id(), money("250.125"), Currency::kUsd);
  REQUIRE(deposited.ok());
  CHECK(deposited->balance == money("750.125"));

  CHECK(portfolio(f).deposit(f.user(), f.account_id(), money("100"), Currency::kCad)
            .status()
            .code() == ErrorCode::kInvalidArgument);
  CHECK(portfolio(f).deposit(f.user(), f.account_id(), money("0"), Currency::kUsd)
            .status()
            .code() == ErrorCode::kInvalidArgument);
  CHECK(portfolio(f).deposit(f.user(), f.account_id(), money("-5"), Currency::kUsd)
            .status()
            .code() == ErrorCode::kInvalidArgument);
  CHECK(portfolio(f)
            .deposit(f.user(), f.account_id(), money("1000000000.01"), Currency::kUsd)
            .status()
            .code() == ErrorCode::kInvalidArgument);
  std::string stranger = f.register_user("stranger@example.com");
  CHECK(portfolio(f).deposit(stranger, f.account_id(), money("1"), Currency::kUsd)
            .status()
            .code() == ErrorCode::kNotFound);
  CHECK(f.cash() == money("750.125"));
  CHECK(f.ledger().size() == 2);
  CHECK(f.ledger_sum() == f.cash());
}

TEST_CASE("transfers move cash between own accounts, converting across currencies",
          "[portfolio]") {
  TradingFixture f;  // 10,500.00 USD in the investment account
  std::string chequing = f.open_account(f.user(), AccountType::kChequing, Currency::kUsd);
  std::string savings = f.open_account(f.user(), AccountType::kSavings, Currency::kCad);

  SECTION("same currency") {
    REQUIRE(portfolio(f)
                .transfer(f.user(), f.account_id(), chequing, money("1234.56"), Currency::kUsd)
                .ok());
    CHECK(f.cash() == money("9265.44"));
    CHECK(f.account(f.user(), chequing).balance == money("1734.56"));
    LedgerEntry out = f.ledger().back();
    LedgerEntry in = f.ledger(f.user(), chequing).back();
    CHECK(out.type == TransactionType::kTransferOut);
    CHECK(out.amount == money("-1234.56"));
    CHECK(in.type == TransactionType::kTransferIn);
    CHECK(in.amount == money("1234.56"));
    CHECK(out.reference_id == in.reference_id);
  }
  SECTION("USD to CAD converts at the FX rate and records it") {
    Result<Price> rate = f.platform().stock().fx_rate(Currency::kUsd, Currency::kCad);
    REQUIRE(rate.ok());
    REQUIRE(portfolio(f)
                .transfer(f.user(), f.account_id(), savings, money("100.00"), Currency::kUsd)
                .ok());
    Money received = convert(money("100.00"), *rate);
    CHECK(received > money("100.00"));  // a Canadian dollar is worth less
    CHECK(f.account(f.user(), savings).balance == money("500.00") + received);
    CHECK(f.cash() == money("10400.00"));
    LedgerEntry in = f.ledger(f.user(), savings).back();
    CHECK(in.amount == received);
    CHECK(in.description.find(rate->format(6)) != std::string::npos);
    CHECK(f.ledger().back().description.find(rate->format(6)) != std::string::npos);
  }
  SECTION("refused: beyond buying power, the wrong currency, someone else's account") {
    f.set_price("AAPL", "100.00");
    f.place(limit(kBuy, "AAPL", "100", "99.00"));  // 9,900.00 held back, 600.00 free
    CHECK(portfolio(f)
              .transfer(f.user(), f.account_id(), chequing, money("600.01"), Currency::kUsd)
              .code() == ErrorCode::kFailedPrecondition);
    CHECK(portfolio(f)
              .transfer(f.user(), f.account_id(), chequing, money("10"), Currency::kCad)
              .code() == ErrorCode::kInvalidArgument);
    std::string stranger = f.register_user("stranger@example.com");
    std::string theirs = f.open_account(stranger, AccountType::kChequing, Currency::kUsd);
    CHECK(portfolio(f)
              .transfer(f.user(), f.account_id(), theirs, money("10"), Currency::kUsd)
              .code() == ErrorCode::kNotFound);
    CHECK(portfolio(f)
              .transfer(f.user(), f.account_id(), f.account_id(), money("10"), Currency::kUsd)
              .code() == ErrorCode::kInvalidArgument);
    CHECK(f.cash() == money("10500.00"));
    REQUIRE(portfolio(f)
                .transfer(f.user(), f.account_id(), chequing, money("600.00"), Currency::kUsd)
                .ok());
    CHECK(f.account().buying_power() == Money());
  }
  for (const std::string& id : {f.account_id(), chequing, savings}) {
    CHECK(f.account(f.user(), id).balance == f.ledger_sum(f.user(), id));
  }
}

TEST_CASE("an account with holdings or open orders cannot be deleted until they are gone",
          "[portfolio]") {
  TradingFixture f;
  f.set_price("AAPL", "100.00");
  f.place(market(kBuy, "AAPL", "3"));
  Order resting = f.place(limit(kBuy, "AAPL", "1", "50.00"));

  CHECK(portfolio(f).delete_account(f.user(), f.account_id()).code() ==
        ErrorCode::kFailedPrecondition);
  f.place(market(kSell, "AAPL", "3"));
  REQUIRE(f.holding("AAPL") == std::nullopt);
  CHECK(portfolio(f).delete_account(f.user(), f.account_id()).code() ==
        ErrorCode::kFailedPrecondition);  // the resting buy
  REQUIRE(f.cancel(resting.id).ok());

  std::string stranger = f.register_user("stranger@example.com");
  CHECK(portfolio(f).delete_account(stranger, f.account_id()).code() == ErrorCode::kNotFound);
  REQUIRE(portfolio(f).delete_account(f.user(), f.account_id()).ok());
  CHECK(portfolio(f).accounts(f.user())->empty());
  CHECK(portfolio(f).account(f.user(), f.account_id()).status().code() == ErrorCode::kNotFound);
  Order orphan = f.place(market(kBuy, "AAPL", "1"));
  CHECK(orphan.reject_reason == "no investment account");
}

// delete_account counts reservations: a buy small enough that its cost rounds to 0.000000 (price
// times quantity below half a micro) holds no cash back, but its reservation must still exist, or
// the account could be deleted under the order and its fill dropped by settlement.
TEST_CASE("an order too small to hold back a micro still blocks deleting its account",
          "[portfolio]") {
  TradingFixture f;
  f.set_price("AAPL", "0.50");
  Order tiny = f.place(limit(kBuy, "AAPL", "0.000001", "0.40"));  // 0.0000004 of cash
  REQUIRE(tiny.status == OrderStatus::kPending);
  CHECK(portfolio(f).delete_account(f.user(), f.account_id()).code() ==
        ErrorCode::kFailedPrecondition);
}

TEST_CASE("the watchlist: adding is idempotent, removing works, unknown symbols are refused",
          "[portfolio]") {
  TradingFixture f;
  REQUIRE(portfolio(f).add_to_watchlist(f.user(), "AAPL").ok());
  REQUIRE(portfolio(f).add_to_watchlist(f.user(), "aapl").ok());
  REQUIRE(portfolio(f).add_to_watchlist(f.user(), "SHOP.TO").ok());
  CHECK(portfolio(f).add_to_watchlist(f.user(), "NOPE").code() == ErrorCode::kNotFound);

  Result<std::vector<WatchlistItem>> items = portfolio(f).watchlist(f.user());
  REQUIRE(items.ok());
  REQUIRE(items->size() == 2);
  CHECK((*items)[0].symbol == "AAPL");
  CHECK((*items)[1].symbol == "SHOP.TO");

  REQUIRE(portfolio(f).remove_from_watchlist(f.user(), "aapl").ok());
  items = portfolio(f).watchlist(f.user());
  REQUIRE(items->size() == 1);
  CHECK((*items)[0].symbol == "SHOP.TO");
  std::string stranger = f.register_user("stranger@example.com");
  CHECK(portfolio(f).watchlist(stranger)->empty());
}

TEST_CASE("average cost, realized and unrealized P&L are exact", "[portfolio]") {
  TradingFixture f;  // 10,500.00
  f.set_price("AAPL", "100.00");
  f.place(market(kBuy, "AAPL", "10"));
  f.set_price("AAPL", "110.00");
  f.place(market(kBuy, "AAPL", "10"));
  CHECK(f.holding("AAPL")->average_cost == px("105.00"));
  CHECK(f.cash() == money("8400.00"));

  f.set_price("AAPL", "120.00");
  Result<AccountPerformance> before = portfolio(f).performance(f.user(), f.account_id());
  REQUIRE(before.ok());
  CHECK(before->cash == money("8400.00"));
  CHECK(before->market_value == money("2400.00"));
  CHECK(before->unrealized_pnl == money("300.00"));
  CHECK(before->realized_pnl == Money());
  CHECK(before->equity == money("10800.00"));

  f.place(market(kSell, "AAPL", "5"));  // 600.00 for shares that cost 525.00
  CHECK(f.holding("AAPL")->average_cost == px("105.00"));  // sells keep the average cost
  f.place(limit(kBuy, "MSFT", "1", "1.00"));               // resting: 1.00 reserved
  Result<AccountPerformance> after = portfolio(f).performance(f.user(), f.account_id());
  REQUIRE(after.ok());
  CHECK(after->cash == money("9000.00"));
  CHECK(after->reserved == money("1.00"));
  CHECK(after->realized_pnl == money("75.00"));
  CHECK(after->market_value == money("1800.00"));
  CHECK(after->unrealized_pnl == money("225.00"));
  REQUIRE(after->positions.size() == 1);
  CHECK(after->positions[0].symbol == "AAPL");
  CHECK(after->positions[0].quantity == qty("15"));
  CHECK(after->positions[0].price == px("120.00"));

  f.set_price("AAPL", "100.00");
  f.place(market(kSell, "AAPL", "15"));  // 1,500.00 for 1,575.00 of cost
  CHECK(f.account().realized_pnl == money("0.00"));
  CHECK(f.holding("AAPL") == std::nullopt);
  CHECK(f.cash() == money("10500.00"));
  CHECK(f.ledger_sum() == f.cash());
}

TEST_CASE("several accounts are valued together as each would be on its own", "[portfolio]") {
  TradingFixture f;
  f.set_price("AAPL", "100.00");
  f.set_price("MSFT", "50.00");
  f.place(market(kBuy, "AAPL", "3"));
  std::string other = f.register_user("other@example.com");
  std::string theirs = f.open_account(other, AccountType::kInvestment, Currency::kUsd);
  REQUIRE(f.try_place_as(other, market(kBuy, "AAPL", "2")).ok());
  REQUIRE(f.try_place_as(other, market(kBuy, "MSFT", "1")).ok());
  f.set_price("AAPL", "90.00");

  Result<std::vector<AccountPerformance>> both =
      portfolio(f).performances({{f.user(), f.account_id()}, {other, theirs}});
  REQUIRE(both.ok());
  REQUIRE(both->size() == 2);
  CHECK((*both)[0].account_id == f.account_id());
  CHECK((*both)[0].market_value == money("270.00"));
  CHECK((*both)[1].account_id == theirs);
  CHECK((*both)[1].market_value == money("230.00"));
  CHECK((*both)[1].positions.size() == 2);
  for (const AccountPerformance& together : *both) {
    std::string owner = together.account_id == theirs ? other : f.user();
    Result<AccountPerformance> alone = portfolio(f).performance(owner, together.account_id);
    REQUIRE(alone.ok());
    CHECK(together.cash == alone->cash);
    CHECK(together.equity == alone->equity);
    CHECK(together.unrealized_pnl == alone->unrealized_pnl);
  }

  CHECK(portfolio(f).performances({{f.user(), f.account_id()}, {f.user(), theirs}})
            .status()
            .code() == ErrorCode::kNotFound);  // someone else's account
}

// The average cost of 30.01 / 3 does not divide evenly; closing the position must still release
// exactly its cost, without a few micros of phantom P&L.
TEST_CASE("closing a whole position books exactly the proceeds minus what it cost",
          "[portfolio]") {
  TradingFixture f;
  f.set_price("AAPL", "10.00");
  f.place(market(kBuy, "AAPL", "1"));
  f.place(market(kBuy, "AAPL", "1"));
  f.set_price("AAPL", "10.01");
  f.place(market(kBuy, "AAPL", "1"));  // 30.01 for 3 shares
  f.set_price("AAPL", "11.00");
  f.place(market(kSell, "AAPL", "3"));  // 33.00
  CHECK(f.holding("AAPL") == std::nullopt);
  CHECK(f.cash() == money("10502.99"));
  CHECK(f.account().realized_pnl == money("2.99"));
}

TEST_CASE("positions in CAD are valued in the USD account at the current rate", "[portfolio]") {
  TradingFixture f;
  f.set_price("SHOP.TO", "200.00");
  f.place(market(kBuy, "SHOP.TO", "3"));
  Result<Price> rate = f.platform().stock().fx_rate(Currency::kCad, Currency::kUsd);
  REQUIRE(rate.ok());
  Result<AccountPerformance> performance = portfolio(f).performance(f.user(), f.account_id());
  REQUIRE(performance.ok());
  REQUIRE(performance->positions.size() == 1);
  Price local = convert(px("200.00"), *rate);
  CHECK(performance->positions[0].price == local);
  CHECK(performance->market_value == notional(local, qty("3")));
  CHECK(performance->cash == money("10500.00") - convert(money("600.00"), *rate));
}

}  // namespace
}  // namespace fafnir::trading_test
