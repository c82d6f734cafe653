#include "tests/support/portfolio_store_contract.h"

#include <catch2/catch.hpp>

namespace fafnir {
namespace {

Account account_of(std::string id, std::string user_id, std::int64_t created_second) {
  Account account;
  account.id = std::move(id);
  account.user_id = std::move(user_id);
  account.account_number = "FAF-0000-0000";
  account.created_at = account.updated_at = Timestamp::from_seconds(created_second);
  return account;
}

LedgerEntry entry_of(std::string id, std::string account_id, std::int64_t micros,
                     std::int64_t second) {
  return LedgerEntry{std::move(id),
                     std::move(account_id),
                     TransactionType::kDeposit,
                     Money::from_micros(micros),
                     "Deposit",
                     std::nullopt,
                     Timestamp::from_seconds(second)};
}

Holding holding_of(std::string id, std::string account_id, std::string symbol,
                   std::int64_t quantity, std::int64_t reserved = 0) {
  return Holding{std::move(id),
                 std::move(account_id),
                 std::move(symbol),
                 Quantity::from_micros(quantity),
                 Quantity::from_micros(reserved),
                 Price::from_micros(10'000'000),
                 Money::from_micros(quantity * 10),
                 Timestamp{1},
                 Timestamp{1}};
}

Reservation reservation_of(std::string order_id, std::string account_id, std::int64_t cash) {
  return Reservation{std::move(order_id), std::move(account_id), "AAPL", Money::from_micros(cash),
                     Quantity()};
}

// Runs `check` on a read of the store.
void reading(PortfolioStore& store, const std::function<void(PortfolioTransaction&)>& check) {
  Status status = store.read([&](PortfolioTransaction& tx) {
    check(tx);
    return Status::Ok();
  });
  REQUIRE(status.ok());
}

template <typename T>
T value(Result<T> result) {
  INFO(result.status().to_string());
  REQUIRE(result.ok());
  return std::move(result).value();
}

std::vector<std::string> account_ids(std::vector<Account> accounts) {
  std::vector<std::string> ids;
  for (const Account& account : accounts) ids.push_back(account.id);
  return ids;
}

// Runs `work` as one unit, REQUIRE-ing that it commits.
void commit(PortfolioStore& store, const PortfolioStore::Work& work) {
  Status status = store.transact(work);
  INFO(status.to_string());
  REQUIRE(status.ok());
}

}  // namespace

void check_portfolio_store_contract(PortfolioStore& store) {
  // ada opens a later-created account first; ordering is by creation time.
  commit(store, [&](PortfolioTransaction& tx) -> Status {
    FAFNIR_RETURN_IF_ERROR(tx.insert_account(account_of("a-2", "ada", 20)));
    FAFNIR_RETURN_IF_ERROR(tx.insert_account(account_of("a-1", "ada", 10)));
    FAFNIR_RETURN_IF_ERROR(tx.insert_account(account_of("b-1", "bob", 10)));
    FAFNIR_ASSIGN_OR_RETURN(std::optional<Account> seen, tx.find_account("a-2"));
    CHECK(seen.has_value());  // the unit sees its own writes
    return Status::Ok();
  });
  reading(store, [](PortfolioTransaction& tx) {
    CHECK(account_ids(value(tx.accounts_of("ada"))) == std::vector<std::string>{"a-1", "a-2"});
    CHECK(value(tx.accounts_of("nobody")).empty());
    CHECK_FALSE(value(tx.find_account("a-404")).has_value());
  });
  CHECK(store
            .transact([](PortfolioTransaction& tx) {
              return tx.insert_account(account_of("a-1", "eve", 30));
            })
            .code() == ErrorCode::kAlreadyExists);

  SECTION("balances and reservations never go negative; a failed unit keeps nothing") {
    Status overdrawn = store.transact([](PortfolioTransaction& tx) -> Status {
      FAFNIR_RETURN_IF_ERROR(tx.append_ledger(entry_of("l-1", "a-1", 100, 1)));
      FAFNIR_ASSIGN_OR_RETURN(std::optional<Account> account, tx.find_account("a-1"));
      account->balance = Money::from_micros(100);
      FAFNIR_RETURN_IF_ERROR(tx.update_account(*account));
      FAFNIR_RETURN_IF_ERROR(tx.mark_fill_settled("f-1").status());
      FAFNIR_RETURN_IF_ERROR(tx.save_reservation(reservation_of("o-1", "a-1", 50)));
      FAFNIR_RETURN_IF_ERROR(tx.save_holding(holding_of("h-1", "a-1", "AAPL", 5)));
      FAFNIR_RETURN_IF_ERROR(tx.add_to_watchlist("ada", {"AAPL", Timestamp{1}}));
      account->balance = Money::from_micros(-1);
      return tx.update_account(*account);
    });
    CHECK(overdrawn.code() == ErrorCode::kAlreadyExists);
    reading(store, [](PortfolioTransaction& tx) {
      CHECK(value(tx.find_account("a-1"))->balance.is_zero());
      CHECK(value(tx.ledger("a-1")).empty());
      CHECK(value(tx.reservations()).empty());
      CHECK(value(tx.holdings("a-1")).empty());
      CHECK(value(tx.watchlist("ada")).empty());
    });
    bool settled_before = true;
    commit(store, [&](PortfolioTransaction& tx) -> Status {
      FAFNIR_ASSIGN_OR_RETURN(settled_before, tx.mark_fill_settled("f-1"));
      return Status::Ok();
    });
    CHECK_FALSE(settled_before);  // the failed unit's mark went with it

    Account negative_reserve = account_of("a-1", "ada", 10);
    negative_reserve.reserved = Money::from_micros(-5);
    CHECK(
        store
            .transact([&](PortfolioTransaction& tx) { return tx.update_account(negative_reserve); })
            .code() == ErrorCode::kAlreadyExists);
    CHECK(store
              .transact([](PortfolioTransaction& tx) {
                return tx.update_account(account_of("a-404", "ada", 10));
              })
              .code() == ErrorCode::kNotFound);
  }

  SECTION("the ledger belongs to an existing account and keeps time order, then insertion") {
    commit(store, [](PortfolioTransaction& tx) -> Status {
      FAFNIR_RETURN_IF_ERROR(tx.append_ledger(entry_of("l-late", "a-1", 3, 50)));
      FAFNIR_RETURN_IF_ERROR(tx.append_ledger(entry_of("l-early", "a-1", 1, 40)));
      return tx.append_ledger(entry_of("l-tie", "a-1", 2, 50));
    });
    reading(store, [](PortfolioTransaction& tx) {
      std::vector<std::string> ids;
      for (const LedgerEntry& entry : value(tx.ledger("a-1"))) ids.push_back(entry.id);
      CHECK(ids == std::vector<std::string>{"l-early", "l-late", "l-tie"});
      CHECK(value(tx.ledger("a-2")).empty());
    });
    CHECK(store
              .transact([](PortfolioTransaction& tx) {
                return tx.append_ledger(entry_of("l-late", "a-2", 1, 60));
              })
              .code() == ErrorCode::kAlreadyExists);
    CHECK(store
              .transact([](PortfolioTransaction& tx) {
                return tx.append_ledger(entry_of("l-orphan", "a-404", 1, 60));
              })
              .code() == ErrorCode::kAlreadyExists);
  }

  SECTION("holdings are kept by symbol, replaced by account and symbol, removed when empty") {
    commit(store, [](PortfolioTransaction& tx) -> Status {
      FAFNIR_RETURN_IF_ERROR(tx.save_holding(holding_of("h-m", "a-1", "MSFT", 2'000'000)));
      FAFNIR_RETURN_IF_ERROR(tx.save_holding(holding_of("h-a", "a-1", "AAPL", 1'000'000)));
      return tx.save_holding(holding_of("h-a", "a-1", "AAPL", 4'000'000, 1'000'000));
    });
    reading(store, [](PortfolioTransaction& tx) {
      std::vector<Holding> held = value(tx.holdings("a-1"));
      REQUIRE(held.size() == 2);
      CHECK(held[0].symbol == "AAPL");
      CHECK(held[0].quantity == Quantity::from_micros(4'000'000));
      CHECK(held[0].reserved == Quantity::from_micros(1'000'000));
      CHECK(held[1].symbol == "MSFT");
      CHECK(value(tx.find_holding("a-1", "MSFT"))->id == "h-m");
      CHECK_FALSE(value(tx.find_holding("a-2", "MSFT")).has_value());
    });
    for (const Holding& bad :
         {holding_of("h-x", "a-1", "KO", 1'000'000, 2'000'000), holding_of("h-x", "a-1", "KO", -1),
          holding_of("h-x", "a-1", "KO", 1'000'000, -1),
          holding_of("h-x", "a-404", "KO", 1'000'000)}) {
      CHECK(store.transact([&](PortfolioTransaction& tx) { return tx.save_holding(bad); }).code() ==
            ErrorCode::kAlreadyExists);
    }
    commit(store, [](PortfolioTransaction& tx) {
      return tx.save_holding(holding_of("h-m", "a-1", "MSFT", 0));
    });
    reading(store, [](PortfolioTransaction& tx) {
      CHECK_FALSE(value(tx.find_holding("a-1", "MSFT")).has_value());
      CHECK(value(tx.holdings("a-1")).size() == 1);
    });
  }

  SECTION("reservations are kept by order id and replaced by it") {
    commit(store, [](PortfolioTransaction& tx) -> Status {
      FAFNIR_RETURN_IF_ERROR(tx.save_reservation(reservation_of("o-2", "a-1", 20)));
      FAFNIR_RETURN_IF_ERROR(tx.save_reservation(reservation_of("o-1", "a-1", 10)));
      FAFNIR_RETURN_IF_ERROR(tx.save_reservation(reservation_of("o-3", "b-1", 30)));
      return tx.save_reservation(reservation_of("o-2", "a-1", 0));  // holds nothing, still kept
    });
    reading(store, [](PortfolioTransaction& tx) {
      std::vector<Reservation> held = value(tx.reservations());
      REQUIRE(held.size() == 3);
      CHECK(held[0].order_id == "o-1");
      CHECK(held[1].order_id == "o-2");
      CHECK(held[1].cash.is_zero());
      CHECK(held[2].order_id == "o-3");
      CHECK(value(tx.count_reservations("a-1")) == 2);
      CHECK(value(tx.count_reservations("a-2")) == 0);
      CHECK(value(tx.find_reservation("o-3"))->account_id == "b-1");
    });
    CHECK(store
              .transact([](PortfolioTransaction& tx) {
                return tx.save_reservation(reservation_of("o-4", "a-1", -1));
              })
              .code() == ErrorCode::kAlreadyExists);
    CHECK(store
              .transact([](PortfolioTransaction& tx) {
                return tx.save_reservation(reservation_of("o-4", "a-404", 1));
              })
              .code() == ErrorCode::kAlreadyExists);
    commit(store, [](PortfolioTransaction& tx) { return tx.delete_reservation("o-1"); });
    reading(store, [](PortfolioTransaction& tx) {
      CHECK_FALSE(value(tx.find_reservation("o-1")).has_value());
    });
  }

  SECTION("a fill is marked settled once") {
    bool first = true;
    bool second = false;
    commit(store, [&](PortfolioTransaction& tx) -> Status {
      FAFNIR_ASSIGN_OR_RETURN(first, tx.mark_fill_settled("f-1"));
      FAFNIR_ASSIGN_OR_RETURN(second, tx.mark_fill_settled("f-1"));
      return Status::Ok();
    });
    CHECK_FALSE(first);
    CHECK(second);
  }

  SECTION("the watchlist keeps the order things were added in, once each") {
    commit(store, [](PortfolioTransaction& tx) -> Status {
      FAFNIR_RETURN_IF_ERROR(tx.add_to_watchlist("ada", {"MSFT", Timestamp{1}}));
      FAFNIR_RETURN_IF_ERROR(tx.add_to_watchlist("ada", {"AAPL", Timestamp{2}}));
      FAFNIR_RETURN_IF_ERROR(tx.add_to_watchlist("ada", {"MSFT", Timestamp{3}}));
      return tx.add_to_watchlist("ada", {"KO", Timestamp{4}});
    });
    commit(store, [](PortfolioTransaction& tx) { return tx.remove_from_watchlist("ada", "AAPL"); });
    reading(store, [](PortfolioTransaction& tx) {
      std::vector<WatchlistItem> items = value(tx.watchlist("ada"));
      REQUIRE(items.size() == 2);
      CHECK(items[0].symbol == "MSFT");
      CHECK(items[0].added_at == Timestamp{1});
      CHECK(items[1].symbol == "KO");
      CHECK(value(tx.watchlist("bob")).empty());
    });
  }

  SECTION("deleting an account takes its ledger, holdings and reservations; undone on failure") {
    commit(store, [](PortfolioTransaction& tx) -> Status {
      FAFNIR_RETURN_IF_ERROR(tx.append_ledger(entry_of("l-1", "a-1", 5, 1)));
      FAFNIR_RETURN_IF_ERROR(tx.save_holding(holding_of("h-1", "a-1", "AAPL", 1'000'000)));
      FAFNIR_RETURN_IF_ERROR(tx.save_reservation(reservation_of("o-1", "a-1", 5)));
      return tx.save_reservation(reservation_of("o-2", "b-1", 5));
    });
    auto intact = [](PortfolioTransaction& tx) {
      CHECK(value(tx.find_account("a-1")).has_value());
      CHECK(value(tx.ledger("a-1")).size() == 1);
      CHECK(value(tx.holdings("a-1")).size() == 1);
      CHECK(value(tx.count_reservations("a-1")) == 1);
    };
    Status undone = store.transact([](PortfolioTransaction& tx) -> Status {
      FAFNIR_RETURN_IF_ERROR(tx.delete_account("a-1"));
      CHECK_FALSE(value(tx.find_account("a-1")).has_value());
      return Status::Internal("disk on fire");
    });
    CHECK(undone.code() == ErrorCode::kInternal);
    reading(store, intact);

    SECTION("the account alone") {
      commit(store, [](PortfolioTransaction& tx) { return tx.delete_account("a-1"); });
      reading(store, [](PortfolioTransaction& tx) {
        CHECK(account_ids(value(tx.accounts_of("ada"))) == std::vector<std::string>{"a-2"});
      });
    }
    SECTION("every account of the user, and the user's watchlist") {
      commit(store, [](PortfolioTransaction& tx) -> Status {
        FAFNIR_RETURN_IF_ERROR(tx.add_to_watchlist("ada", {"AAPL", Timestamp{1}}));
        return tx.delete_user("ada");
      });
      reading(store, [](PortfolioTransaction& tx) {
        CHECK(value(tx.accounts_of("ada")).empty());
        CHECK(value(tx.watchlist("ada")).empty());
        CHECK(account_ids(value(tx.accounts_of("bob"))) == std::vector<std::string>{"b-1"});
      });
    }
    reading(store, [](PortfolioTransaction& tx) {
      CHECK(value(tx.ledger("a-1")).empty());
      CHECK(value(tx.holdings("a-1")).empty());
      CHECK(value(tx.count_reservations("a-1")) == 0);
      CHECK(value(tx.reservations()).size() == 1);  // bob's
    });
  }
}

}  // namespace fafnir
