#include "core/portfolio/account.h"

#include "core/common/enum_names.h"

namespace fafnir {
namespace {

constexpr EnumNames<AccountType, 3> kAccountTypes{{{AccountType::kSavings, "SAVINGS"},
                                                   {AccountType::kInvestment, "INVESTMENT"},
                                                   {AccountType::kChequing, "CHEQUING"}}};
constexpr EnumNames<TransactionType, 6> kTransactionTypes{
    {{TransactionType::kDeposit, "DEPOSIT"},
     {TransactionType::kTransferIn, "TRANSFER_IN"},
     {TransactionType::kTransferOut, "TRANSFER_OUT"},
     {TransactionType::kBuy, "BUY"},
     {TransactionType::kSell, "SELL"},
     {TransactionType::kFee, "FEE"}}};

}  // namespace

std::string_view account_type_name(AccountType type) { return enum_name(kAccountTypes, type); }

Result<AccountType> parse_account_type(std::string_view text) {
  return parse_enum(kAccountTypes, "account type", text);
}

std::string_view transaction_type_name(TransactionType type) {
  return enum_name(kTransactionTypes, type);
}

Result<TransactionType> parse_transaction_type(std::string_view text) {
  return parse_enum(kTransactionTypes, "transaction type", text);
}

}  // namespace fafnir
