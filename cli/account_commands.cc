#include <memory>

#include "api/json_views.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/security/permissions.h"

namespace fafnir {
namespace {

using nlohmann::json;

struct AccountArguments {
  std::string type = "INVESTMENT";
  std::string currency;  // empty: USD for a new account, else the account's own
  std::string account;
  std::string from;
  std::string to;
  std::string amount;
};

std::string describe(const Account& account) {
  return account.account_number + " " + std::string(account_type_name(account.type)) + " " +
         std::string(currency_code(account.currency)) + " balance " + account.balance.format() +
         " (id " + account.id + ")";
}

Status create(CliContext& context, const AccountArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kManageOwnAccounts));
  FAFNIR_ASSIGN_OR_RETURN(AccountType type, parse_account_type(args.type));
  FAFNIR_ASSIGN_OR_RETURN(Currency currency,
                          parse_currency(args.currency.empty() ? "USD" : args.currency));
  FAFNIR_ASSIGN_OR_RETURN(Account account, caller.platform->portfolio().create_account(
                                               caller.user.user_id, type, currency));
  context.print(account_json(account), "Opened " + describe(account));
  return Status::Ok();
}

Status list(CliContext& context) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kManageOwnAccounts));
  FAFNIR_ASSIGN_OR_RETURN(AccountSummary summary,
                          caller.platform->portfolio().summary(caller.user.user_id));
  json accounts = json::array();
  std::vector<std::vector<std::string>> rows;
  for (const Account& account : summary.accounts) {
    accounts.push_back(account_json(account));
    rows.push_back({account.id, account.account_number,
                    std::string(account_type_name(account.type)),
                    std::string(currency_code(account.currency)), account.balance.format(),
                    account.reserved.format(), account.buying_power().format()});
  }
  context.print({{"accounts", accounts}, {"totalBalance", summary.total_balance.to_double()}},
                render_table({"ID", "NUMBER", "TYPE", "CCY", "BALANCE", "RESERVED", "AVAILABLE"},
                             rows) +
                    "Total (USD): " + summary.total_balance.format());
  return Status::Ok();
}

Status deposit(CliContext& context, const AccountArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kManageOwnAccounts));
  FAFNIR_ASSIGN_OR_RETURN(Money amount, Money::parse(args.amount));
  PortfolioService& portfolio = caller.platform->portfolio();
  FAFNIR_ASSIGN_OR_RETURN(Account account, portfolio.account(caller.user.user_id, args.account));
  Currency currency = account.currency;
  if (!args.currency.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(currency, parse_currency(args.currency));
  }
  FAFNIR_ASSIGN_OR_RETURN(account,
                          portfolio.deposit(caller.user.user_id, args.account, amount, currency));
  context.print({{"code", "OK"}, {"newBalance", account.balance.to_double()}},
                "Deposited " + amount.format() + "; " + describe(account));
  return Status::Ok();
}

Status transfer(CliContext& context, const AccountArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kManageOwnAccounts));
  FAFNIR_ASSIGN_OR_RETURN(Money amount, Money::parse(args.amount));
  PortfolioService& portfolio = caller.platform->portfolio();
  FAFNIR_ASSIGN_OR_RETURN(Account from, portfolio.account(caller.user.user_id, args.from));
  Currency currency = from.currency;
  if (!args.currency.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(currency, parse_currency(args.currency));
  }
  FAFNIR_RETURN_IF_ERROR(
      portfolio.transfer(caller.user.user_id, args.from, args.to, amount, currency));
  FAFNIR_ASSIGN_OR_RETURN(from, portfolio.account(caller.user.user_id, args.from));
  FAFNIR_ASSIGN_OR_RETURN(Account to, portfolio.account(caller.user.user_id, args.to));
  context.print({{"code", "OK"}, {"from", account_json(from)}, {"to", account_json(to)}},
                "Transferred " + amount.format() + " " +
                    std::string(currency_code(currency)) + "\n  from " + describe(from) +
                    "\n  to   " + describe(to));
  return Status::Ok();
}

Status transactions(CliContext& context, const AccountArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kManageOwnPortfolio));
  FAFNIR_ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries,
                          caller.platform->portfolio().transactions(caller.user.user_id,
                                                                    args.account));
  json data = json::array();
  std::vector<std::vector<std::string>> rows;
  Money running;
  for (const LedgerEntry& entry : entries) {
    running += entry.amount;
    data.push_back(transaction_json(entry));
    rows.push_back({format_rfc3339(entry.created_at), std::string(transaction_type_name(entry.type)),
                    entry.amount.format(), running.format(), entry.description});
  }
  context.print(data, render_table({"TIME", "TYPE", "AMOUNT", "BALANCE", "DESCRIPTION"}, rows));
  return Status::Ok();
}

Status remove(CliContext& context, const AccountArguments& args) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kManageOwnAccounts));
  FAFNIR_RETURN_IF_ERROR(
      caller.platform->portfolio().delete_account(caller.user.user_id, args.account));
  context.print(json(true), "Deleted account " + args.account);
  return Status::Ok();
}

}  // namespace

void add_account_commands(CLI::App& app, CliContext& context, Status& status) {
  auto args = std::make_shared<AccountArguments>();
  CLI::App* account = app.add_subcommand("account", "Cash accounts of the logged-in user");
  account->require_subcommand(0, 1);
  auto action = [&context, &status, args](Status (*run)(CliContext&, const AccountArguments&)) {
    return [&context, &status, args, run] { status = run(context, *args); };
  };

  CLI::App* create_command = account->add_subcommand("create", "Open an account (500.00 deposit)");
  create_command->add_option("--type", args->type, "SAVINGS, INVESTMENT (default) or CHEQUING");
  create_command->add_option("--currency", args->currency, "USD (default) or CAD");
  create_command->callback(action(&create));

  account->add_subcommand("list", "Accounts with balances")->callback([&context, &status] {
    status = list(context);
  });

  CLI::App* deposit_command = account->add_subcommand("deposit", "Add cash");
  deposit_command->add_option("--account", args->account, "Account id")->required();
  deposit_command->add_option("--amount", args->amount, "Positive, at most 6 decimals")->required();
  deposit_command->add_option("--currency", args->currency, "Must be the account's (default)");
  deposit_command->callback(action(&deposit));

  CLI::App* transfer_command = account->add_subcommand("transfer", "Move cash between accounts");
  transfer_command->add_option("--from", args->from, "Source account id")->required();
  transfer_command->add_option("--to", args->to, "Destination account id")->required();
  transfer_command->add_option("--amount", args->amount, "In the source's currency")->required();
  transfer_command->add_option("--currency", args->currency, "Must be the source's (default)");
  transfer_command->callback(action(&transfer));

  CLI::App* ledger = account->add_subcommand("transactions", "The account's ledger");
  ledger->add_option("--account", args->account, "Account id")->required();
  ledger->callback(action(&transactions));

  CLI::App* delete_command = account->add_subcommand("delete", "Close an account");
  delete_command->add_option("--account", args->account, "Account id")->required();
  delete_command->callback(action(&remove));
}

}  // namespace fafnir
