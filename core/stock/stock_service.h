#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/string_hash.h"
#include "core/stock/market_calendar.h"
#include "core/stock/market_data.h"
#include "core/stock/market_repository.h"
#include "core/stock/market_revisions.h"
#include "core/stock/quote.h"

namespace fafnir {

class SymbolMarket;

struct MarketOptions {
  std::uint64_t seed = 0;                   // seed of the price model; default 0
  Timestamp start;                          // start of simulated time; default the Unix epoch
  SessionMode session = SessionMode::k24h;  // trading sessions; default 24h
  std::optional<Price> fixed_usd_cad;       // CAD per USD; default none: simulated USD/CAD
  // Annual volatility per symbol in millionths (350'000 is 35%), replacing the universe's value.
  std::map<std::string, std::int64_t, std::less<>> annual_volatility_micros;
};

// The stock (market data) service: the shipped instrument universe, deterministic prices (a pure
// function of seed, start, symbol, time, overrides and imported bars), quotes, daily history,
// search, operator overrides, CSV replay and USD/CAD. Time is the clock's now; when the clock is
// simulated, advance() moves it and tells a MarketListener. Overrides and imports made by other
// processes sharing the repository count from the next refresh(). Thread-safe.
class StockService final : public MarketData {
 public:
  // Borrows `repository`, `revisions` (of the inputs `repository` holds), `clock` and
  // `simulated` (the same clock as `clock` when time is simulated, null when it follows the wall
  // clock); all must outlive the service.
  StockService(MarketRepository& repository, MarketRevisions& revisions, const Clock& clock,
               ManualClock* simulated, MarketOptions options);
  ~StockService() override;
  StockService(const StockService&) = delete;
  StockService& operator=(const StockService&) = delete;

  // Loads imported bars and overrides; on a simulated clock, sets it to the persisted now, or
  // persists options.start as now on a new store. Call once before anything else.
  Status restore();

  // Reloads overrides and imported bars when another process changed them since they were last
  // loaded; true when it did. Prices may jump then, as they did in that process.
  Result<bool> refresh();

  // MarketData
  Result<const Instrument*> instrument(std::string_view symbol) override;
  Result<Price> last_price(std::string_view symbol) override;
  Result<Price> fx_rate(Currency from, Currency to) override;
  MarketState market_state() override;

  // NotFound for an unknown symbol (any letter case matches).
  Result<Quote> quote(std::string_view symbol);
  // In the order asked; NotFound naming the first unknown symbol.
  Result<std::vector<Quote>> quotes(const std::vector<std::string>& symbols);

  // Daily bars of `period` (see history_period.h; "1M" when empty), oldest first, weekdays only;
  // the last is today's (open, high and low so far, last price as close) when a session has
  // opened today. NotFound for an unknown symbol, InvalidArgument for an unknown period.
  Result<std::vector<DailyBar>> history(std::string_view symbol, std::string_view period);

  // See search_instruments(). InvalidArgument unless 1 <= limit <= 20.
  Result<std::vector<Instrument>> search(std::string_view text, int limit);
  const std::vector<Instrument>& instruments() const;
  Result<Instrument> metadata(std::string_view symbol);

  // Overrides the price of `symbol` from now on, in every process sharing the repository (see
  // refresh()). InvalidArgument for a non-positive price or one
  // that is not a multiple of the tick, NotFound for an unknown symbol; nothing is stored then.
  Status set_price(std::string_view symbol, Price price);

  // Imports daily bars for `symbol` from CSV text (see parse_ohlcv_csv()), replacing bars of the
  // same dates. InvalidArgument naming the line and column of the first problem, NotFound for an
  // unknown symbol; nothing is stored then.
  Status import_bars(std::string_view symbol, std::string_view csv_text);

  // Moves the simulated clock forward by `duration` through every price step and session close
  // on the way: calls listener.on_session_closed() at each close, then on_market_moved() after
  // each step where a price changed, and persists the new now. Stops at the first error a
  // listener returns, with the clock and the persisted now at that instant. FailedPrecondition
  // when time is not simulated, InvalidArgument for a non-positive duration or one over 100
  // years. The listener is called without any lock held, so it may call back into the service
  // (but not into advance()).
  Status advance(Duration duration, MarketListener& listener);

  MarketClockInfo clock_info();

  const MarketCalendar& calendar() const { return calendar_; }

 private:
  SymbolMarket* find(std::string_view symbol);
  Result<SymbolMarket*> require(std::string_view symbol);
  Quote make_quote(SymbolMarket& market, Timestamp now);
  Status persist_now(Timestamp now);
  // Loads overrides and imported bars from the repository. REQUIRES: mutex_ is held.
  Status load_inputs();
  // Bumps the revision after this process stored a change it has already applied.
  // REQUIRES: mutex_ is held.
  Status note_change();

  MarketRepository& repository_;
  MarketRevisions& revisions_;
  const Clock& clock_;
  ManualClock* simulated_;
  MarketOptions options_;
  MarketCalendar calendar_;
  std::int64_t anchor_day_;

  std::mutex mutex_;                                    // guards the markets below
  std::mutex advance_mutex_;                            // serializes advance()
  std::vector<std::unique_ptr<SymbolMarket>> markets_;  // parallel to instrument_universe()
  StringMap<std::size_t> index_;  // symbol -> markets_ position
  std::unique_ptr<SymbolMarket> usd_cad_;
  std::uint64_t loaded_revision_ = 0;  // of the inputs the markets hold
};

}  // namespace fafnir
