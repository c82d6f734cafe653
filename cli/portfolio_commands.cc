#include <memory>

#include "api/json_views.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/security/permissions.h"

namespace fafnir {
namespace {

using nlohmann::json;

std::string performance_text(const Account& account, const AccountPerformance& performance) {
  std::vector<std::vector<std::string>> rows;
  for (const PositionPerformance& position : performance.positions) {
    rows.push_back({position.symbol, position.quantity.format(0), position.average_cost.format(),
                    position.price.format(), position.market_value.format(),
                    position.unrealized_pnl.format()});
  }
  std::string ccy(currency_code(account.currency));
  return "Account " + account.account_number + " (" +
         std::string(account_type_name(account.type)) + ", " + ccy + ", id " + account.id +
         ")\n  Cash " + performance.cash.format() + "   Reserved " + performance.reserved.format() +
         "   Available " + (performance.cash - performance.reserved).format() +
         "\n  Market value " + performance.market_value.format() + "   Equity " +
         performance.equity.format() + "\n  Unrealized P&L " + performance.unrealized_pnl.format() +
         "   Realized P&L " + performance.realized_pnl.format() + "\n" +
         (rows.empty() ? "  (no holdings)\n"
                       : render_table({"SYMBOL", "QTY", "AVG COST", "PRICE", "VALUE", "UNREALIZED"},
                                      rows));
}

Status portfolio(CliContext& context, const std::string& account_id) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kManageOwnPortfolio));
  PortfolioService& service = caller.platform->portfolio();
  std::vector<Account> accounts;
  if (account_id.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(accounts, service.accounts(caller.user.user_id));
  } else {
    FAFNIR_ASSIGN_OR_RETURN(Account account, service.account(caller.user.user_id, account_id));
    accounts.push_back(account);
  }
  json data = json::array();
  std::string text;
  for (const Account& account : accounts) {
    FAFNIR_ASSIGN_OR_RETURN(AccountPerformance performance,
                            service.performance(caller.user.user_id, account.id));
    data.push_back(performance_json(performance));
    text += performance_text(account, performance) + "\n";
  }
  if (accounts.empty()) text = "No accounts yet: fafnir account create --type investment";
  context.print(account_id.empty() ? data : data[0], text);
  return Status::Ok();
}

Status watch(CliContext& context, const std::string& action, const std::string& symbol) {
  FAFNIR_ASSIGN_OR_RETURN(Caller caller, context.caller(permissions::kManageOwnWatchlist));
  PortfolioService& service = caller.platform->portfolio();
  if (action == "add") {
    FAFNIR_RETURN_IF_ERROR(service.add_to_watchlist(caller.user.user_id, symbol));
  } else if (action == "remove") {
    FAFNIR_RETURN_IF_ERROR(service.remove_from_watchlist(caller.user.user_id, symbol));
  }
  FAFNIR_ASSIGN_OR_RETURN(std::vector<WatchlistItem> items, service.watchlist(caller.user.user_id));
  json data = json::array();
  std::vector<std::vector<std::string>> rows;
  for (const WatchlistItem& item : items) {
    data.push_back(watchlist_item_json(item));
    Result<Quote> quote = caller.platform->stock().quote(item.symbol);
    rows.push_back({item.symbol, quote.ok() ? quote->price.format() : "-",
                    format_rfc3339(item.added_at)});
  }
  context.print(data, render_table({"SYMBOL", "PRICE", "ADDED"}, rows));
  return Status::Ok();
}

}  // namespace

void add_portfolio_commands(CLI::App& app, CliContext& context, Status& status) {
  auto account_id = std::make_shared<std::string>();
  CLI::App* show = app.add_subcommand("portfolio", "Cash, reservations, holdings and P&L");
  show->add_option("--account", *account_id, "Only this account");
  show->callback([&context, &status, account_id] { status = portfolio(context, *account_id); });

  auto symbol = std::make_shared<std::string>();
  CLI::App* watchlist = app.add_subcommand("watch", "The watchlist");
  watchlist->require_subcommand(0, 1);
  for (const char* action : {"add", "remove"}) {
    CLI::App* command = watchlist->add_subcommand(action, std::string(action) + " a symbol");
    command->add_option("symbol", *symbol, "Symbol")->required();
    command->callback([&context, &status, symbol, action] {
      status = watch(context, action, *symbol);
    });
  }
  watchlist->add_subcommand("list", "Watched symbols with prices")->callback([&context, &status] {
    status = watch(context, "list", "");
  });
}

}  // namespace fafnir
