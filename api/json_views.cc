#include "api/json_views.h"

namespace fafnir {
namespace {

using nlohmann::json;

template <typename T>
double number(T value) {
  return value.to_double();
}

double percent(std::int64_t percent_micros) {
  return static_cast<double>(percent_micros) / 1'000'000.0;
}

json optional_time(const std::optional<Timestamp>& t) {
  return t ? json(format_rfc3339(*t)) : json(nullptr);
}

}  // namespace

json order_json(const Order& order) {
  return {{"id", order.id},
          {"userId", order.user_id},
          {"symbol", order.symbol},
          {"side", order_side_name(order.side)},
          {"type", order_type_name(order.type)},
          {"status", order_status_name(order.status)},
          {"quantity", number(order.quantity)},
          {"price", number(order.limit_price.value_or(Price()))},
          {"stopPrice", number(order.stop_price.value_or(Price()))},
          {"filledQuantity", number(order.filled_quantity)},
          {"avgFillPrice", number(order.average_fill_price)},
          {"createdAt", format_rfc3339(order.created_at)},
          {"updatedAt", format_rfc3339(order.updated_at)},
          {"timeInForce", time_in_force_name(order.time_in_force)},
          {"rejectReason", order.reject_reason.empty() ? json(nullptr) : json(order.reject_reason)}};
}

json account_json(const Account& account) {
  return {{"id", account.id},
          {"userId", account.user_id},
          {"accountNumber", account.account_number},
          {"type", account_type_name(account.type)},
          {"currency", currency_code(account.currency)},
          {"balance", number(account.balance)},
          {"createdAt", format_rfc3339(account.created_at)},
          {"updatedAt", format_rfc3339(account.updated_at)}};
}

json holding_json(const Holding& holding) {
  return {{"id", holding.id},
          {"accountId", holding.account_id},
          {"symbol", holding.symbol},
          {"quantity", number(holding.quantity)},
          {"avgCost", number(holding.average_cost)},
          {"createdAt", format_rfc3339(holding.created_at)},
          {"updatedAt", format_rfc3339(holding.updated_at)}};
}

json transaction_json(const LedgerEntry& entry) {
  return {{"id", entry.id},
          {"accountId", entry.account_id},
          {"type", transaction_type_name(entry.type)},
          {"amount", number(entry.amount)},
          {"description", entry.description},
          {"referenceId", entry.reference_id ? json(*entry.reference_id) : json(nullptr)},
          {"createdAt", format_rfc3339(entry.created_at)}};
}

json watchlist_item_json(const WatchlistItem& item) {
  return {{"symbol", item.symbol}, {"addedAt", format_rfc3339(item.added_at)}};
}

json stock_data_json(const Instrument& instrument) {
  json data = search_result_json(instrument);
  data["currency"] = currency_code(instrument.currency);
  return data;
}

json search_result_json(const Instrument& instrument) {
  return {{"symbol", instrument.symbol},
          {"name", instrument.name},
          {"exchange", instrument.exchange},
          {"exchangeFullName", instrument.exchange_full_name},
          {"instrumentType", instrument_type_name(instrument.type)}};
}

json quote_json(const Quote& quote) {
  return {{"symbol", quote.symbol},
          {"currency", currency_code(quote.currency)},
          {"price", number(quote.price)},
          {"open", number(quote.open)},
          {"previousClose", number(quote.previous_close)},
          {"priceChange", number(quote.change)},
          {"priceChangePercent", percent(quote.change_percent_micros)},
          {"volume", quote.volume},
          {"marketCap", number(quote.market_cap)},
          {"dayLow", number(quote.day_low)},
          {"dayHigh", number(quote.day_high)},
          {"yearHigh", number(quote.year_high)},
          {"yearLow", number(quote.year_low)},
          {"source", quote.source},
          {"asOf", format_rfc3339(quote.as_of)},
          {"marketState", market_state_name(quote.market_state)}};
}

json daily_bar_json(std::string_view symbol, const DailyBar& bar) {
  return {{"symbol", symbol},
          {"date", bar.date},
          {"open", number(bar.open)},
          {"high", number(bar.high)},
          {"low", number(bar.low)},
          {"close", number(bar.close)},
          {"volume", bar.volume},
          {"priceChange", number(bar.change)},
          {"priceChangePercent", percent(bar.change_percent_micros)}};
}

json performance_json(const AccountPerformance& performance) {
  json positions = json::array();
  for (const PositionPerformance& position : performance.positions) {
    positions.push_back({{"symbol", position.symbol},
                         {"quantity", number(position.quantity)},
                         {"avgCost", number(position.average_cost)},
                         {"price", number(position.price)},
                         {"marketValue", number(position.market_value)},
                         {"unrealizedPnl", number(position.unrealized_pnl)}});
  }
  return {{"accountId", performance.account_id},
          {"currency", currency_code(performance.currency)},
          {"cash", number(performance.cash)},
          {"reserved", number(performance.reserved)},
          {"marketValue", number(performance.market_value)},
          {"equity", number(performance.equity)},
          {"unrealizedPnl", number(performance.unrealized_pnl)},
          {"realizedPnl", number(performance.realized_pnl)},
          {"positions", positions}};
}

json market_clock_json(const MarketClockInfo& clock) {
  return {{"now", format_rfc3339(clock.now)},
          {"marketState", market_state_name(clock.state)},
          {"nextOpen", optional_time(clock.next_open)},
          {"nextClose", optional_time(clock.next_close)}};
}

}  // namespace fafnir
