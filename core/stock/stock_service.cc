#include "core/stock/stock_service.h"

#include <utility>

#include <algorithm>
#include <limits>

#include "core/common/text.h"
#include "core/stock/history_period.h"
#include "core/stock/instrument_search.h"
#include "core/stock/instrument_universe.h"
#include "core/stock/ohlcv_csv.h"
#include "core/stock/symbol_market.h"
#include "core/stock/trading_days.h"

namespace fafnir {
namespace {

constexpr int kMaxSearchLimit = 20;
constexpr int kYearTradingDays = 52 * 5;
constexpr std::int64_t kOne = 1'000'000;
constexpr Duration kMaxAdvance = std::chrono::hours(24 * 366 * 100);

// num / den rounded half away from zero. REQUIRES: den > 0.
std::int64_t div_round(__int128 num, __int128 den) {
  __int128 q = num >= 0 ? (2 * num + den) / (2 * den) : -((-2 * num + den) / (2 * den));
  return static_cast<std::int64_t>(q);
}

// change / base in percent, times 1e6, rounded half away from zero; 0 when base is 0.
std::int64_t percent_micros(Price change, Price base) {
  if (base.micros() <= 0) return 0;
  return div_round(static_cast<__int128>(change.micros()) * 100 * kOne, base.micros());
}

Money market_cap(Price price, std::int64_t shares) {
  __int128 cap = static_cast<__int128>(price.micros()) * shares;
  return Money::from_micros(
      static_cast<std::int64_t>(std::min<__int128>(cap, std::numeric_limits<std::int64_t>::max())));
}

Instrument usd_cad_instrument() {
  Instrument fx;
  fx.symbol = "USDCAD=X";
  fx.name = "USD/CAD";
  fx.exchange = "CCY";
  fx.exchange_full_name = "Simulated FX";
  fx.currency = Currency::kCad;
  fx.type = InstrumentType::kIndex;
  fx.tick = Price::from_micros(1);
  fx.base_price = Price::from_micros(1'350'000);
  fx.annual_drift = 0.0;
  fx.annual_volatility = 0.06;
  return fx;
}

}  // namespace

StockService::StockService(MarketRepository& repository, MarketRevisions& revisions,
                           const Clock& clock, ManualClock* simulated, MarketOptions options)
    : repository_(repository),
      revisions_(revisions),
      clock_(clock),
      simulated_(simulated),
      options_(options),
      calendar_(options.session),
      anchor_day_(calendar_.session_at_or_after(options.start).day) {
  const std::vector<Instrument>& universe = instrument_universe();
  for (std::size_t i = 0; i < universe.size(); ++i) {
    Instrument instrument = universe[i];
    auto volatility = options_.annual_volatility_micros.find(instrument.symbol);
    if (volatility != options_.annual_volatility_micros.end()) {
      instrument.annual_volatility = static_cast<double>(volatility->second) / 1e6;
    }
    markets_.push_back(
        std::make_unique<SymbolMarket>(instrument, options_.seed, calendar_, anchor_day_));
    index_.emplace(universe[i].symbol, i);
  }
  usd_cad_ =
      std::make_unique<SymbolMarket>(usd_cad_instrument(), options_.seed, calendar_, anchor_day_);
}

StockService::~StockService() = default;

SymbolMarket* StockService::find(std::string_view symbol) {
  auto found = index_.find(symbol);
  if (found == index_.end()) found = index_.find(to_upper(trim(symbol)));
  return found == index_.end() ? nullptr : markets_[found->second].get();
}

Result<SymbolMarket*> StockService::require(std::string_view symbol) {
  SymbolMarket* market = find(symbol);
  if (market == nullptr) return Status::NotFound("unknown symbol '" + std::string(symbol) + "'");
  return market;
}

Status StockService::persist_now(Timestamp now) { return repository_.save_now(now); }

Status StockService::load_inputs() {
  FAFNIR_ASSIGN_OR_RETURN(std::uint64_t revision, revisions_.current());
  FAFNIR_ASSIGN_OR_RETURN(auto imported, repository_.imported_bars());
  FAFNIR_ASSIGN_OR_RETURN(std::vector<PriceOverride> overrides, repository_.overrides());
  for (auto& [symbol, bars] : imported) {
    SymbolMarket* market = find(symbol);
    if (market == nullptr) continue;  // no longer in the universe
    std::map<std::int64_t, ImportedBar> by_day;
    for (ImportedBar& bar : bars) {
      Result<std::int64_t> day = parse_date(bar.date);
      if (!day.ok()) return Status::Internal("stock.db: bad imported bar date " + bar.date);
      by_day.insert_or_assign(trading_day_on_or_before(*day), std::move(bar));
    }
    market->set_replay(std::move(by_day));
  }
  for (auto& market : markets_) market->clear_overrides();
  for (const PriceOverride& entry : overrides) {
    if (SymbolMarket* market = find(entry.symbol)) market->add_override(entry.at, entry.price);
  }
  loaded_revision_ = revision;
  return Status::Ok();
}

Status StockService::note_change() {
  FAFNIR_ASSIGN_OR_RETURN(std::uint64_t revision, revisions_.bump());
  // Only when no other change came in between does this process hold revision `revision`.
  if (revision == loaded_revision_ + 1) loaded_revision_ = revision;
  return Status::Ok();
}

Result<bool> StockService::refresh() {
  FAFNIR_ASSIGN_OR_RETURN(std::uint64_t revision, revisions_.current());
  std::lock_guard lock(mutex_);
  if (revision == loaded_revision_) return false;
  FAFNIR_RETURN_IF_ERROR(load_inputs());
  return true;
}

Status StockService::restore() {
  std::lock_guard lock(mutex_);
  FAFNIR_RETURN_IF_ERROR(load_inputs());
  if (simulated_ == nullptr) return Status::Ok();
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Timestamp> now, repository_.load_now());
  if (!now) {
    FAFNIR_RETURN_IF_ERROR(repository_.save_now(options_.start));
    now = options_.start;
  }
  simulated_->set(*now);
  return Status::Ok();
}

Result<const Instrument*> StockService::instrument(std::string_view symbol) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(SymbolMarket * market, require(symbol));
  return &market->instrument();
}

Result<Instrument> StockService::metadata(std::string_view symbol) {
  FAFNIR_ASSIGN_OR_RETURN(const Instrument* found, instrument(symbol));
  return *found;
}

const std::vector<Instrument>& StockService::instruments() const { return instrument_universe(); }

Result<Price> StockService::last_price(std::string_view symbol) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(SymbolMarket * market, require(symbol));
  return market->price_at(clock_.now());
}

Result<Price> StockService::fx_rate(Currency from, Currency to) {
  if (from == to) return Price::from_micros(kOne);
  Price usd_cad;
  if (options_.fixed_usd_cad) {
    usd_cad = *options_.fixed_usd_cad;
  } else {
    std::lock_guard lock(mutex_);
    usd_cad = usd_cad_->price_at(clock_.now());
  }
  if (from == Currency::kUsd) return usd_cad;
  if (!usd_cad.is_positive()) return Status::Internal("USD/CAD rate is not positive");
  return Price::from_micros(div_round(static_cast<__int128>(kOne) * kOne, usd_cad.micros()));
}

MarketState StockService::market_state() { return calendar_.state(clock_.now()); }

Quote StockService::make_quote(SymbolMarket& market, Timestamp now) {
  const Instrument& instrument = market.instrument();
  TradingSession today = calendar_.session_at_or_before(now);
  TradingSession yesterday = calendar_.session(today.day - 1);
  SessionBar bar = market.bar(today, now);
  auto [year_low, year_high] = market.low_high_before(today.day, kYearTradingDays - 1);
  Quote quote;
  quote.symbol = instrument.symbol;
  quote.currency = instrument.currency;
  quote.price = market.price_in(today, now);
  quote.open = bar.open;
  quote.previous_close = market.bar(yesterday, yesterday.close).close;
  quote.change = quote.price - quote.previous_close;
  quote.change_percent_micros = percent_micros(quote.change, quote.previous_close);
  quote.volume = bar.volume;
  quote.market_cap = market_cap(quote.price, instrument.shares_outstanding);
  quote.day_low = bar.low;
  quote.day_high = bar.high;
  quote.year_low = std::min(year_low, bar.low);
  quote.year_high = std::max(year_high, bar.high);
  quote.source = market.is_replay(today.day) ? "replay" : "simulated";
  quote.as_of = now;
  quote.market_state = calendar_.state(now);
  return quote;
}

Result<Quote> StockService::quote(std::string_view symbol) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(SymbolMarket * market, require(symbol));
  return make_quote(*market, clock_.now());
}

Result<std::vector<Quote>> StockService::quotes(const std::vector<std::string>& symbols) {
  std::lock_guard lock(mutex_);
  std::vector<SymbolMarket*> markets;
  for (const std::string& symbol : symbols) {
    FAFNIR_ASSIGN_OR_RETURN(SymbolMarket * market, require(symbol));
    markets.push_back(market);
  }
  Timestamp now = clock_.now();
  std::vector<Quote> result;
  result.reserve(markets.size());
  for (SymbolMarket* market : markets) result.push_back(make_quote(*market, now));
  return result;
}

Result<std::vector<DailyBar>> StockService::history(std::string_view symbol,
                                                    std::string_view period) {
  FAFNIR_ASSIGN_OR_RETURN(HistoryPeriod parsed, parse_history_period(period));
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(SymbolMarket * market, require(symbol));
  Timestamp now = clock_.now();
  TradingSession last = calendar_.session_at_or_before(now);
  std::optional<std::int64_t> from = period_first_day(parsed, epoch_day_of(last.day));
  std::int64_t first = from ? trading_day_on_or_before(*from - 1) + 1 : market->first_day();
  std::vector<DailyBar> bars;
  if (first > last.day) return bars;
  bars.reserve(static_cast<std::size_t>(last.day - first + 1));
  TradingSession before = calendar_.session(first - 1);
  Price previous_close = market->bar(before, before.close).close;
  for (std::int64_t day = first; day <= last.day; ++day) {
    TradingSession session = day == last.day ? last : calendar_.session(day);
    SessionBar bar = market->bar(session, day == last.day ? now : session.close);
    DailyBar daily{
        format_date(epoch_day_of(day)), bar.open, bar.high, bar.low, bar.close, bar.volume,
        bar.close - previous_close,     0};
    daily.change_percent_micros = percent_micros(daily.change, previous_close);
    previous_close = bar.close;
    bars.push_back(std::move(daily));
  }
  return bars;
}

Result<std::vector<Instrument>> StockService::search(std::string_view text, int limit) {
  if (limit < 1 || limit > kMaxSearchLimit) {
    return Status::InvalidArgument("search limit must be between 1 and 20, got " +
                                   std::to_string(limit));
  }
  return search_instruments(instrument_universe(), text, static_cast<std::size_t>(limit));
}

Status StockService::set_price(std::string_view symbol, Price price) {
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(SymbolMarket * market, require(symbol));
  const Instrument& instrument = market->instrument();
  if (!price.is_positive()) {
    return Status::InvalidArgument("price must be positive, got " + price.format());
  }
  if (price.micros() % instrument.tick.micros() != 0) {
    return Status::InvalidArgument("price " + price.format(6) + " is not a multiple of the tick " +
                                   instrument.tick.format() + " of " + instrument.symbol);
  }
  Timestamp now = clock_.now();
  FAFNIR_RETURN_IF_ERROR(repository_.add_override({instrument.symbol, now, price}));
  market->add_override(now, price);
  return note_change();
}

Status StockService::import_bars(std::string_view symbol, std::string_view csv_text) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<ImportedBar> bars, parse_ohlcv_csv(csv_text));
  std::lock_guard lock(mutex_);
  FAFNIR_ASSIGN_OR_RETURN(SymbolMarket * market, require(symbol));
  std::map<std::int64_t, ImportedBar> merged = market->replay();
  for (const ImportedBar& bar : bars) {
    Result<std::int64_t> day = parse_date(bar.date);
    if (!day.ok()) return day.status();
    merged.insert_or_assign(trading_day_on_or_before(*day), bar);
  }
  FAFNIR_RETURN_IF_ERROR(repository_.put_bars(market->instrument().symbol, bars));
  market->set_replay(std::move(merged));
  return note_change();
}

Status StockService::advance(Duration duration, MarketListener& listener) {
  if (simulated_ == nullptr) {
    return Status::FailedPrecondition("market time follows the wall clock; it cannot be advanced");
  }
  if (duration.count() <= 0) return Status::InvalidArgument("advance needs a positive duration");
  if (duration > kMaxAdvance) return Status::InvalidArgument("advance is limited to 100 years");
  std::lock_guard advance_lock(advance_mutex_);
  Timestamp now = simulated_->now();
  const Timestamp target = now + duration;
  auto stop = [&](const Status& failure) {
    (void)persist_now(now);
    return failure;
  };
  while (true) {
    const Timestamp close = calendar_.next_close(now);
    const Timestamp step = calendar_.next_price_step(now);
    const Timestamp event = std::min(close, step);
    if (event > target) break;
    now = event;
    simulated_->set(now);
    if (event == close) {
      FAFNIR_RETURN_IF_ERROR(persist_now(now));
      Status closed = listener.on_session_closed();
      if (!closed.ok()) return stop(closed);
    }
    // Every price step (an open is one) may move prices; the listener reads those it needs.
    if (event == step) {
      Status moved = listener.on_market_moved();
      if (!moved.ok()) return stop(moved);
    }
  }
  now = target;
  simulated_->set(now);
  return persist_now(now);
}

MarketClockInfo StockService::clock_info() {
  Timestamp now = clock_.now();
  return {now, calendar_.state(now), calendar_.next_open(now), calendar_.next_close(now)};
}

}  // namespace fafnir
