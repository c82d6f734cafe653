#include "server/graphql/api_schema.h"

namespace fafnir::graphql {

// Keep identical to api_schema.graphql (tests/graphql/api_schema_test.cc checks the shape).
std::string_view api_schema_sdl() {
  return R"graphql(# fafnir GraphQL API — the contract served at /graphql.
# Field names, argument names and nullability must match exactly: existing fafnir clients
# (web app, load tests) send these operations unchanged. Lines marked "extension" are ours
# and must stay optional for old clients.

schema { query: Query, mutation: Mutation }

scalar Int64

type Query {
  health: String!

  checkPermission(request: HasPermissionRequest!): HasPermissionResponse!
  getProfileData: ProfileDataResponse!

  searchStocks(query: String!, limit: Int = 8): [StockSearchResult!]!
  getStockMetadata(symbol: String!): StockMetadataResponse!
  getStockQuote(symbol: String!): StockQuoteResponse!
  getStockQuoteBatch(symbols: [String!]!): StockQuoteBatchResponse!
  getStockHistoricalData(symbol: String!, period: String): StockHistoricalDataResponse!

  getOrders: OrdersResponse!
  getOrderByOrderID(request: GetOrderByIDRequest!): GetOrderByIDResponse!

  getPortfolioSummary: GetPortfolioSummaryResponse!
  getHoldings(request: GetHoldingsRequest!): GetHoldingsResponse!
  getHolding(request: GetHoldingRequest!): GetHoldingResponse!
  getWatchlist: GetWatchlistResponse!
  getTransactions(request: GetTransactionsRequest!): GetTransactionsResponse!

  getPortfolioPerformance(accountId: String!): PortfolioPerformanceResponse!   # extension
  getMarketClock: MarketClock!                                                 # extension
}

type Mutation {
  createOrder(request: CreateOrderRequest!): CreateOrderResponse!
  cancelOrder(orderId: String!): CancelOrderResponse!

  createAccount(request: CreateAccountRequest!): CreateAccountResponse!
  deleteAccount(accountId: String!): Boolean!
  deposit(request: DepositRequest!): DepositResponse!
  transfer(request: TransferRequest!): TransferResponse!
  addToWatchlist(request: AddToWatchlistRequest!): AddToWatchlistResponse!
  removeFromWatchlist(request: RemoveFromWatchlistRequest!): RemoveFromWatchlistResponse!
}

# --- security / user -------------------------------------------------------
input HasPermissionRequest { permission: String! }
type SecurityPermission { hasPermission: Boolean! }
type HasPermissionResponse { data: SecurityPermission!, code: String! }

type ProfileData { userId: String!, firstName: String!, lastName: String! }
type ProfileDataResponse { data: ProfileData, code: String! }

# --- stock -----------------------------------------------------------------
type StockData {
  symbol: String!, name: String!, exchange: String!, exchangeFullName: String!
  currency: String!, instrumentType: String!
}
type StockSearchResult {
  symbol: String!, name: String!, exchange: String!, exchangeFullName: String!
  instrumentType: String!
}
type StockPriceData {
  symbol: String!, currency: String!, price: Float!, open: Float!, previousClose: Float!
  priceChange: Float!, priceChangePercent: Float!, volume: Int64!, marketCap: Float!
  dayLow: Float!, dayHigh: Float!, yearHigh: Float!, yearLow: Float!
  source: String!, asOf: String!, marketState: String!
}
type StockHistoricalData {
  symbol: String!, date: String!, open: Float!, high: Float!, low: Float!, close: Float!
  volume: Int64!, priceChange: Float!, priceChangePercent: Float!
}
type StockMetadataResponse { code: String!, data: StockData }
type StockQuoteResponse { code: String!, data: StockPriceData }
type StockQuoteBatchResponse { code: String!, data: [StockPriceData] }
type StockHistoricalDataResponse { code: String!, data: [StockHistoricalData] }

# --- order -----------------------------------------------------------------
type Order {
  id: String!, userId: String!, symbol: String!
  side: String!          # BUY | SELL
  type: String!          # MARKET | LIMIT | STOP | STOP_LIMIT
  status: String!        # PENDING | PARTIAL_FILL | FILLED | CANCELED | REJECTED | EXPIRED
  quantity: Float!, price: Float!, stopPrice: Float!
  filledQuantity: Float!, avgFillPrice: Float!
  createdAt: String!, updatedAt: String!
  timeInForce: String    # extension: GTC | DAY | IOC | FOK
  rejectReason: String   # extension
}
input CreateOrderRequest {
  symbol: String!, side: String!, type: String!, quantity: Float!, price: Float
  stopPrice: Float       # extension
  timeInForce: String    # extension, default GTC
}
input GetOrderByIDRequest { orderId: String! }
type GetOrderByIDResponse { data: Order, code: String! }
type CreateOrderResponse { data: Order, code: String! }
type CancelOrderResponse { data: Order, code: String! }
type OrdersResponse { data: [Order!], count: Int!, code: String! }

# --- portfolio -------------------------------------------------------------
type Account {
  id: String!, userId: String!, accountNumber: String!
  type: String!          # SAVINGS | INVESTMENT | CHEQUING
  currency: String!      # USD | CAD
  balance: Float!, createdAt: String!, updatedAt: String!
}
type Holding {
  id: String!, accountId: String!, symbol: String!, quantity: Float!, avgCost: Float!
  createdAt: String!, updatedAt: String!
}
type WatchlistItem { symbol: String!, addedAt: String! }
type Transaction {
  id: String!, accountId: String!
  type: String!          # DEPOSIT | TRANSFER_IN | TRANSFER_OUT | BUY | SELL (| FEE)
  amount: Float!, description: String!, referenceId: String, createdAt: String!
}

input CreateAccountRequest { type: String!, currency: String! }
type CreateAccountResponse { data: Account, code: String! }
type GetPortfolioSummaryResponse { accounts: [Account!], totalBalance: Float!, code: String! }
input GetHoldingsRequest { accountId: String! }
type GetHoldingsResponse { data: [Holding!], code: String! }
input GetHoldingRequest { accountId: String!, symbol: String! }
type GetHoldingResponse { data: Holding, code: String! }
type GetWatchlistResponse { data: [WatchlistItem!], code: String! }
input AddToWatchlistRequest { symbol: String! }
type AddToWatchlistResponse { code: String! }
input RemoveFromWatchlistRequest { symbol: String! }
type RemoveFromWatchlistResponse { code: String! }
input GetTransactionsRequest { accountId: String! }
type GetTransactionsResponse { code: String!, data: [Transaction!] }
input DepositRequest { accountId: String!, amount: Float!, currency: String! }
type DepositResponse { code: String!, newBalance: Float! }
input TransferRequest { fromAccountId: String!, toAccountId: String!, amount: Float!, currency: String! }
type TransferResponse { code: String! }

# --- extensions ------------------------------------------------------------
type PositionPerformance {
  symbol: String!, quantity: Float!, avgCost: Float!, price: Float!
  marketValue: Float!, unrealizedPnl: Float!
}
type PortfolioPerformance {
  accountId: String!, currency: String!, cash: Float!, reserved: Float!
  marketValue: Float!, equity: Float!, unrealizedPnl: Float!, realizedPnl: Float!
  positions: [PositionPerformance!]!
}
type PortfolioPerformanceResponse { code: String!, data: PortfolioPerformance }
type MarketClock { now: String!, marketState: String!, nextOpen: String, nextClose: String }
)graphql";
}

}  // namespace fafnir::graphql
