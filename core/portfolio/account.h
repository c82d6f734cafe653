#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/currency.h"
#include "core/common/fixed_point.h"
#include "core/common/status.h"
#include "core/common/timestamp.h"

namespace fafnir {

enum class AccountType { kSavings, kInvestment, kChequing };
enum class TransactionType { kDeposit, kTransferIn, kTransferOut, kBuy, kSell, kFee };

// "SAVINGS", "INVESTMENT", "CHEQUING"; parsing accepts any letter case.
std::string_view account_type_name(AccountType type);
Result<AccountType> parse_account_type(std::string_view text);
// "DEPOSIT", "TRANSFER_IN", "TRANSFER_OUT", "BUY", "SELL", "FEE".
std::string_view transaction_type_name(TransactionType type);
Result<TransactionType> parse_transaction_type(std::string_view text);

struct Account {
  std::string id;
  std::string user_id;
  std::string account_number;  // for display, e.g. "FAF-4821-0937"
  AccountType type = AccountType::kInvestment;
  Currency currency = Currency::kUsd;
  Money balance;       // always the sum of the account's ledger entries
  Money reserved;      // cash held for open buy orders; balance - reserved is buying power
  Money realized_pnl;  // booked by sells
  Timestamp created_at;
  Timestamp updated_at;

  Money buying_power() const { return balance - reserved; }
};

// One line of an account's ledger. `amount` is signed: credits positive, debits negative.
struct LedgerEntry {
  std::string id;
  std::string account_id;
  TransactionType type = TransactionType::kDeposit;
  Money amount;
  std::string description;
  std::optional<std::string> reference_id;  // order, fill or transfer id
  Timestamp created_at;
};

// Shares of one symbol in one account.
struct Holding {
  std::string id;
  std::string account_id;
  std::string symbol;
  Quantity quantity;
  Quantity reserved;  // held for open sell orders
  Price average_cost;  // per share, in the account's currency; kept by sells
  Money cost_basis;    // what the shares held cost in all, commissions included
  Timestamp created_at;
  Timestamp updated_at;

  Quantity available() const { return quantity - reserved; }
};

// What an open order holds back until it fills, is canceled, expires or is rejected.
struct Reservation {
  std::string order_id;
  std::string account_id;
  std::string symbol;
  Money cash;       // buy orders
  Quantity shares;  // sell orders
};

struct WatchlistItem {
  std::string symbol;
  Timestamp added_at;
};

}  // namespace fafnir
