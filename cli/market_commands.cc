#include <memory>

#include "api/json_views.h"
#include "cli/commands.h"
#include "cli/private_file.h"
#include "cli/table.h"

namespace fafnir {
namespace {

using nlohmann::json;

std::string percent_text(std::int64_t percent_micros) {
  constexpr std::int64_t kHundredth = 10'000;
  std::int64_t half = percent_micros < 0 ? -kHundredth / 2 : kHundredth / 2;
  std::int64_t rounded = (percent_micros + half) / kHundredth * kHundredth;
  return (rounded > 0 ? "+" : "") + format_micros(rounded, 2) + "%";
}

std::string optional_time_text(const std::optional<Timestamp>& t) {
  return t ? format_rfc3339(*t) : "-";
}

Status print_clock(CliContext& context, Platform& platform) {
  MarketClockInfo clock = platform.stock().clock_info();
  context.print(market_clock_json(clock),
                "Now:          " + format_rfc3339(clock.now) +
                    "\nMarket:       " + std::string(market_state_name(clock.state)) +
                    "\nNext open:    " + optional_time_text(clock.next_open) +
                    "\nNext close:   " + optional_time_text(clock.next_close));
  return Status::Ok();
}

Status instruments(CliContext& context) {
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  json data = json::array();
  std::vector<std::vector<std::string>> rows;
  for (const Instrument& instrument : platform->stock().instruments()) {
    data.push_back(stock_data_json(instrument));
    rows.push_back({instrument.symbol, instrument.name, instrument.exchange,
                    std::string(currency_code(instrument.currency)),
                    std::string(instrument_type_name(instrument.type)),
                    instrument.tradable() ? "yes" : "no"});
  }
  context.print(data, render_table({"SYMBOL", "NAME", "EXCHANGE", "CCY", "TYPE", "TRADABLE"}, rows));
  return Status::Ok();
}

Status advance(CliContext& context, const std::string& duration_text) {
  FAFNIR_ASSIGN_OR_RETURN(Duration duration, parse_duration(duration_text));
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_RETURN_IF_ERROR(platform->advance(duration));
  FAFNIR_RETURN_IF_ERROR(context.settle());
  return print_clock(context, *platform);
}

Status set_price(CliContext& context, const std::string& symbol, const std::string& price_text) {
  FAFNIR_ASSIGN_OR_RETURN(Price price, Price::parse(price_text));
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_RETURN_IF_ERROR(platform->set_price(symbol, price));
  FAFNIR_RETURN_IF_ERROR(context.settle());
  FAFNIR_ASSIGN_OR_RETURN(Quote quote, platform->stock().quote(symbol));
  context.print(quote_json(quote), quote.symbol + " now trades at " + quote.price.format());
  return Status::Ok();
}

Status import_csv(CliContext& context, const std::string& file, const std::string& symbol) {
  FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> text, read_file_if_exists(file));
  if (!text) return Status::NotFound("no file " + file);
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_RETURN_IF_ERROR(platform->import_bars(symbol, *text));
  FAFNIR_RETURN_IF_ERROR(context.settle());
  context.print({{"symbol", symbol}, {"message", "imported"}},
                "Imported " + file + " as the price history of " + symbol);
  return Status::Ok();
}

Status quotes(CliContext& context, const std::vector<std::string>& symbols) {
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Quote> found, platform->stock().quotes(symbols));
  json data = json::array();
  std::vector<std::vector<std::string>> rows;
  for (const Quote& quote : found) {
    data.push_back(quote_json(quote));
    rows.push_back({quote.symbol, quote.price.format(), quote.change.format(),
                    percent_text(quote.change_percent_micros), quote.day_low.format(),
                    quote.day_high.format(), std::to_string(quote.volume),
                    std::string(currency_code(quote.currency)),
                    std::string(market_state_name(quote.market_state))});
  }
  context.print(data.size() == 1 ? data[0] : data,
                render_table({"SYMBOL", "PRICE", "CHANGE", "CHANGE%", "LOW", "HIGH", "VOLUME",
                              "CCY", "MARKET"},
                             rows));
  return Status::Ok();
}

Status search(CliContext& context, const std::string& text, int limit) {
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Instrument> found, platform->stock().search(text, limit));
  json data = json::array();
  std::vector<std::vector<std::string>> rows;
  for (const Instrument& instrument : found) {
    data.push_back(search_result_json(instrument));
    rows.push_back({instrument.symbol, instrument.name, instrument.exchange,
                    std::string(instrument_type_name(instrument.type))});
  }
  context.print(data, render_table({"SYMBOL", "NAME", "EXCHANGE", "TYPE"}, rows));
  return Status::Ok();
}

Status history(CliContext& context, const std::string& symbol, const std::string& period) {
  FAFNIR_ASSIGN_OR_RETURN(Platform * platform, context.platform());
  FAFNIR_ASSIGN_OR_RETURN(Instrument instrument, platform->stock().metadata(symbol));
  FAFNIR_ASSIGN_OR_RETURN(std::vector<DailyBar> bars, platform->stock().history(symbol, period));
  json data = json::array();
  std::vector<std::vector<std::string>> rows;
  for (const DailyBar& bar : bars) {
    data.push_back(daily_bar_json(instrument.symbol, bar));
    rows.push_back({bar.date, bar.open.format(), bar.high.format(), bar.low.format(),
                    bar.close.format(), std::to_string(bar.volume),
                    percent_text(bar.change_percent_micros)});
  }
  context.print(data,
                render_table({"DATE", "OPEN", "HIGH", "LOW", "CLOSE", "VOLUME", "CHANGE%"}, rows));
  return Status::Ok();
}

struct MarketArguments {
  std::string duration;
  std::string symbol;
  std::string price;
  std::string file;
  std::vector<std::string> symbols;
  std::string text;
  int limit = 8;
  std::string period = "1M";
};

}  // namespace

void add_market_commands(CLI::App& app, CliContext& context, Status& status) {
  auto args = std::make_shared<MarketArguments>();
  CLI::App* market = app.add_subcommand("market", "The simulated market (embedded operator)");
  market->require_subcommand(0, 1);
  market->add_subcommand("instruments", "List every instrument")
      ->callback([&context, &status] { status = instruments(context); });
  market->add_subcommand("clock", "Simulated time and market state")->callback([&context, &status] {
    Result<Platform*> platform = context.platform();
    status = platform.ok() ? print_clock(context, **platform) : platform.status();
  });
  CLI::App* adv = market->add_subcommand("advance", "Move simulated time, e.g. 90m, 6h, 1d");
  adv->add_option("duration", args->duration, "How far")->required();
  adv->callback([&context, &status, args] { status = advance(context, args->duration); });
  CLI::App* set = market->add_subcommand("set", "Jump a symbol's price now (operator override)");
  set->add_option("symbol", args->symbol, "Symbol")->required();
  set->add_option("price", args->price, "New price")->required();
  set->callback([&context, &status, args] { status = set_price(context, args->symbol, args->price); });
  CLI::App* import = market->add_subcommand("import", "Replay daily OHLCV bars from a CSV file");
  import->add_option("file", args->file, "CSV with date,open,high,low,close,volume")->required();
  import->add_option("--symbol", args->symbol, "Symbol the bars belong to")->required();
  import->callback([&context, &status, args] { status = import_csv(context, args->file, args->symbol); });

  CLI::App* quote = app.add_subcommand("quote", "Live quotes");
  quote->add_option("symbols", args->symbols, "One or more symbols")->required();
  quote->callback([&context, &status, args] { status = quotes(context, args->symbols); });
  CLI::App* find = app.add_subcommand("search", "Find instruments by symbol or name");
  find->add_option("text", args->text, "What to look for")->required();
  find->add_option("--limit", args->limit, "1..20 results (default 8)");
  find->callback([&context, &status, args] { status = search(context, args->text, args->limit); });
  CLI::App* hist = app.add_subcommand("history", "Daily OHLCV bars");
  hist->add_option("symbol", args->symbol, "Symbol")->required();
  hist->add_option("--period", args->period, "1D 1W 1M 3M 6M 1Y 2Y 5Y MAX (default 1M)");
  hist->callback([&context, &status, args] { status = history(context, args->symbol, args->period); });
}

}  // namespace fafnir
