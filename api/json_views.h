#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/order/order.h"
#include "core/portfolio/account.h"
#include "core/portfolio/performance.h"
#include "core/stock/instrument.h"
#include "core/stock/quote.h"

namespace fafnir {

// The JSON shapes of shared/API.graphql, used by `fafnir --json` and the GraphQL API alike:
// the same field names, upper-case enum strings, RFC 3339 times, and money, prices and quantities
// as numbers rounded to 6 decimals.
nlohmann::json order_json(const Order& order);
nlohmann::json account_json(const Account& account);
nlohmann::json holding_json(const Holding& holding);
nlohmann::json transaction_json(const LedgerEntry& entry);
nlohmann::json watchlist_item_json(const WatchlistItem& item);
nlohmann::json stock_data_json(const Instrument& instrument);      // StockData
nlohmann::json search_result_json(const Instrument& instrument);   // StockSearchResult
nlohmann::json quote_json(const Quote& quote);                     // StockPriceData
nlohmann::json daily_bar_json(std::string_view symbol, const DailyBar& bar);  // StockHistoricalData
nlohmann::json performance_json(const AccountPerformance& performance);  // PortfolioPerformance
nlohmann::json market_clock_json(const MarketClockInfo& clock);          // MarketClock

}  // namespace fafnir
