#include <iostream>

#include "cli/commands.h"
#include "cli/table.h"
#include "cli/temp_directory.h"
#include "core/common/encoding.h"
#include "transports/embedded/embedded_transport.h"

namespace fafnir {
namespace {

void step(const std::string& title) { std::cout << "\n== " << title << '\n'; }

void show_order(const Result<Order>& order) {
  if (!order.ok()) {
    std::cout << "   refused: " << order.status().message() << '\n';
    return;
  }
  std::cout << "   " << order_side_name(order->side) << ' ' << order->quantity.format(0) << ' '
            << order->symbol << ' ' << order_type_name(order->type) << " -> "
            << order_status_name(order->status);
  if (!order->filled_quantity.is_zero()) std::cout << " at " << order->average_fill_price.format();
  if (!order->reject_reason.empty()) std::cout << " (" << order->reject_reason << ')';
  std::cout << '\n';
}

Status show_portfolio(Platform& platform, const std::string& user, const Account& account) {
  FAFNIR_ASSIGN_OR_RETURN(AccountPerformance performance,
                          platform.portfolio().performance(user, account.id));
  std::vector<std::vector<std::string>> rows;
  for (const PositionPerformance& position : performance.positions) {
    rows.push_back({position.symbol, position.quantity.format(0), position.average_cost.format(),
                    position.price.format(), position.market_value.format(),
                    position.unrealized_pnl.format()});
  }
  std::cout << "   cash " << performance.cash.format() << ", reserved "
            << performance.reserved.format() << ", equity " << performance.equity.format()
            << ", realized P&L " << performance.realized_pnl.format() << '\n'
            << render_table({"SYMBOL", "QTY", "AVG COST", "PRICE", "VALUE", "UNREALIZED"}, rows);
  return Status::Ok();
}

Status run_demo(const std::string& requested_dir) {
  std::filesystem::path dir = requested_dir;
  if (dir.empty()) {
    FAFNIR_ASSIGN_OR_RETURN(dir, make_temp_directory("fafnir-demo"));
  }
  ManualClock clock(*parse_rfc3339("2026-01-05T14:30:00Z"));
  RandomIdGenerator ids;
  EmbeddedTransport transport;
  FAFNIR_ASSIGN_OR_RETURN(Ports ports, transport.open({dir, &clock}));
  PlatformOptions options;
  options.jwt_secret = random_token();
  options.market.seed = 7;
  options.market.start = clock.now();
  options.simulated_clock = &clock;
  FAFNIR_ASSIGN_OR_RETURN(std::unique_ptr<Platform> platform,
                          Platform::create(std::move(ports), clock, ids, std::move(options)));
  std::cout << "fafnir demo: a short trading session on the embedded transport\n"
            << "data directory: " << dir.string() << " (one SQLite file per service)\n"
            << "simulated time: " << format_rfc3339(clock.now()) << ", market seed 7\n";

  step("Ada registers (argon2id password hash), logs in and gets the member role");
  FAFNIR_ASSIGN_OR_RETURN(std::string user, platform->auth().register_user(
                                                {"ada@example.com", "correct horse", "Ada",
                                                 "Lovelace"}));
  FAFNIR_RETURN_IF_ERROR(platform->settle().status());
  FAFNIR_ASSIGN_OR_RETURN(LoginSession session, platform->auth().login("ada@example.com",
                                                                       "correct horse"));
  FAFNIR_ASSIGN_OR_RETURN(std::vector<std::string> roles, platform->security().roles_of(user));
  std::cout << "   user " << user << ", roles: " << roles.at(0) << ", token expires "
            << format_rfc3339(session.expires_at) << '\n';

  step("She opens an investment account (500.00 opening deposit) and deposits 20,000.00");
  FAFNIR_ASSIGN_OR_RETURN(Account account, platform->portfolio().create_account(
                                               user, AccountType::kInvestment, Currency::kUsd));
  FAFNIR_ASSIGN_OR_RETURN(account, platform->portfolio().deposit(
                                       user, account.id, Money::from_micros(20'000'000'000),
                                       Currency::kUsd));
  std::cout << "   " << account.account_number << " balance " << account.balance.format() << '\n';

  step("Quotes");
  std::vector<std::vector<std::string>> rows;
  for (const char* symbol : {"AAPL", "MSFT", "SHOP.TO"}) {
    FAFNIR_ASSIGN_OR_RETURN(Quote quote, platform->stock().quote(symbol));
    rows.push_back({quote.symbol, quote.price.format(), std::string(currency_code(quote.currency)),
                    std::string(market_state_name(quote.market_state))});
  }
  std::cout << render_table({"SYMBOL", "PRICE", "CCY", "MARKET"}, rows);

  step("Orders: a market buy, a limit buy below the market, an order beyond buying power");
  auto place = [&](OrderRequest request) { show_order(platform->orders().place(user, request)); };
  FAFNIR_ASSIGN_OR_RETURN(Price msft, platform->stock().last_price("MSFT"));
  auto percent_of = [](Price price, int percent) {  // on the cent
    return Price::from_micros(price.micros() / 10'000 * percent / 100 * 10'000);
  };
  Price limit = percent_of(msft, 99);
  place({"AAPL", OrderSide::kBuy, OrderType::kMarket, Quantity::from_micros(20'000'000),
         std::nullopt, std::nullopt, TimeInForce::kGtc});
  place({"MSFT", OrderSide::kBuy, OrderType::kLimit, Quantity::from_micros(10'000'000), limit,
         std::nullopt, TimeInForce::kGtc});
  place({"NVDA", OrderSide::kBuy, OrderType::kMarket, Quantity::from_micros(1'000'000'000),
         std::nullopt, std::nullopt, TimeInForce::kGtc});
  FAFNIR_RETURN_IF_ERROR(platform->settle().status());
  FAFNIR_RETURN_IF_ERROR(show_portfolio(*platform, user, account));

  step("MSFT drops to the limit: the resting order fills at the current price");
  FAFNIR_RETURN_IF_ERROR(platform->set_price("MSFT", limit - Price::from_micros(50'000)));
  FAFNIR_RETURN_IF_ERROR(platform->settle().status());
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Order> orders, platform->orders().orders(user));
  for (const Order& order : orders) show_order(order);

  step("A protective stop, then two simulated trading days go by");
  FAFNIR_ASSIGN_OR_RETURN(Price aapl, platform->stock().last_price("AAPL"));
  place({"AAPL", OrderSide::kSell, OrderType::kStop, Quantity::from_micros(20'000'000),
         std::nullopt, percent_of(aapl, 97), TimeInForce::kGtc});
  FAFNIR_RETURN_IF_ERROR(platform->advance(std::chrono::hours(48)));
  FAFNIR_RETURN_IF_ERROR(platform->settle().status());
  std::cout << "   now " << format_rfc3339(clock.now()) << '\n';
  FAFNIR_RETURN_IF_ERROR(show_portfolio(*platform, user, account));

  step("Ledger (the balance is always the sum of these entries)");
  FAFNIR_ASSIGN_OR_RETURN(std::vector<LedgerEntry> ledger,
                          platform->portfolio().transactions(user, account.id));
  rows.clear();
  for (const LedgerEntry& entry : ledger) {
    rows.push_back({std::string(transaction_type_name(entry.type)), entry.amount.format(),
                    entry.description});
  }
  std::cout << render_table({"TYPE", "AMOUNT", "DESCRIPTION"}, rows);

  std::cout << "\nTry it yourself: fafnir --data-dir DIR user register ... (see README.md)\n";
  return Status::Ok();
}

}  // namespace

void add_demo_command(CLI::App& app, Status& status) {
  CLI::App* demo = app.add_subcommand("demo", "A short, readable trading session");
  auto dir = std::make_shared<std::string>();
  demo->add_option("--dir", *dir, "Data directory for the demo (default: a new temporary one)");
  demo->callback([&status, dir] { status = run_demo(*dir); });
}

}  // namespace fafnir
