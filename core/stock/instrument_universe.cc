#include "core/stock/instrument_universe.h"

namespace fafnir {
namespace {

struct Listing {
  const char* exchange;
  const char* exchange_full_name;
  Currency currency;
};

constexpr Listing kNasdaq{"NASDAQ", "NASDAQ Global Select", Currency::kUsd};
constexpr Listing kNasdaqGm{"NASDAQ", "NASDAQ Global Market", Currency::kUsd};
constexpr Listing kNyse{"NYSE", "New York Stock Exchange", Currency::kUsd};
constexpr Listing kNyseArca{"NYSEARCA", "NYSE Arca", Currency::kUsd};
constexpr Listing kTsx{"TSX", "Toronto Stock Exchange", Currency::kCad};
constexpr Listing kSnp{"SNP", "S&P Dow Jones Indices", Currency::kUsd};
constexpr Listing kNasdaqIndex{"NASDAQ", "NASDAQ Global Index Data Service", Currency::kUsd};
constexpr Listing kTsxIndex{"TSX", "Toronto Stock Exchange", Currency::kCad};
constexpr Listing kFunds{"NASDAQ", "Nasdaq Mutual Fund Quotation Service", Currency::kUsd};

struct Row {
  const char* symbol;
  const char* name;
  const Listing& listing;
  InstrumentType type;
  std::int64_t shares_outstanding;
  std::int64_t base_cents;
  double drift;
  double volatility;
};

constexpr InstrumentType kEquity = InstrumentType::kEquity;
constexpr InstrumentType kEtf = InstrumentType::kEtf;
constexpr InstrumentType kIndex = InstrumentType::kIndex;
constexpr InstrumentType kFund = InstrumentType::kMutualFund;

// Shares outstanding and prices are round figures of the mid-2020s; drift and volatility are
// annual model parameters.
const Row kRows[] = {
    // US equities
    {"AAPL", "Apple Inc.", kNasdaq, kEquity, 15'100'000'000, 23'000, 0.12, 0.28},
    {"MSFT", "Microsoft Corporation", kNasdaq, kEquity, 7'430'000'000, 42'000, 0.11, 0.25},
    {"GOOGL", "Alphabet Inc. Class A", kNasdaq, kEquity, 5'800'000'000, 17'500, 0.10, 0.30},
    {"AMZN", "Amazon.com, Inc.", kNasdaq, kEquity, 10'500'000'000, 20'000, 0.12, 0.33},
    {"NVDA", "NVIDIA Corporation", kNasdaq, kEquity, 24'400'000'000, 13'000, 0.25, 0.55},
    {"TSLA", "Tesla, Inc.", kNasdaq, kEquity, 3'210'000'000, 25'000, 0.10, 0.60},
    {"META", "Meta Platforms, Inc.", kNasdaq, kEquity, 2'530'000'000, 58'000, 0.12, 0.38},
    {"NFLX", "Netflix, Inc.", kNasdaq, kEquity, 428'000'000, 70'000, 0.10, 0.40},
    {"AMD", "Advanced Micro Devices, Inc.", kNasdaq, kEquity, 1'620'000'000, 15'000, 0.10, 0.50},
    {"INTC", "Intel Corporation", kNasdaq, kEquity, 4'310'000'000, 2'200, 0.00, 0.42},
    {"AVGO", "Broadcom Inc.", kNasdaq, kEquity, 4'700'000'000, 17'000, 0.18, 0.45},
    {"ADBE", "Adobe Inc.", kNasdaq, kEquity, 440'000'000, 50'000, 0.06, 0.33},
    {"CSCO", "Cisco Systems, Inc.", kNasdaq, kEquity, 3'980'000'000, 5'500, 0.05, 0.22},
    {"PEP", "PepsiCo, Inc.", kNasdaq, kEquity, 1'370'000'000, 16'500, 0.05, 0.17},
    {"COST", "Costco Wholesale Corporation", kNasdaq, kEquity, 443'000'000, 90'000, 0.12, 0.22},
    {"JPM", "JPMorgan Chase & Co.", kNyse, kEquity, 2'800'000'000, 22'000, 0.08, 0.25},
    {"V", "Visa Inc.", kNyse, kEquity, 1'950'000'000, 28'000, 0.09, 0.21},
    {"MA", "Mastercard Incorporated", kNyse, kEquity, 920'000'000, 50'000, 0.09, 0.23},
    {"KO", "The Coca-Cola Company", kNyse, kEquity, 4'310'000'000, 6'300, 0.05, 0.15},
    {"JNJ", "Johnson & Johnson", kNyse, kEquity, 2'410'000'000, 15'500, 0.04, 0.16},
    {"PG", "The Procter & Gamble Company", kNyse, kEquity, 2'350'000'000, 16'500, 0.05, 0.16},
    {"XOM", "Exxon Mobil Corporation", kNyse, kEquity, 4'400'000'000, 11'500, 0.04, 0.27},
    {"DIS", "The Walt Disney Company", kNyse, kEquity, 1'810'000'000, 10'000, 0.03, 0.30},
    {"BAC", "Bank of America Corporation", kNyse, kEquity, 7'700'000'000, 4'200, 0.06, 0.30},
    {"HD", "The Home Depot, Inc.", kNyse, kEquity, 990'000'000, 38'000, 0.07, 0.24},
    {"UNH", "UnitedHealth Group Incorporated", kNyse, kEquity, 920'000'000, 52'000, 0.06, 0.30},
    {"NKE", "NIKE, Inc.", kNyse, kEquity, 1'480'000'000, 8'000, 0.02, 0.32},
    {"IBM", "International Business Machines Corporation", kNyse, kEquity, 925'000'000, 22'000,
     0.06, 0.24},
    {"BRK.B", "Berkshire Hathaway Inc. Class B", kNyse, kEquity, 1'310'000'000, 46'000, 0.09, 0.18},
    // US ETFs
    {"SPY", "SPDR S&P 500 ETF Trust", kNyseArca, kEtf, 920'000'000, 57'000, 0.08, 0.17},
    {"VOO", "Vanguard S&P 500 ETF", kNyseArca, kEtf, 1'400'000'000, 52'000, 0.08, 0.17},
    {"VTI", "Vanguard Total Stock Market ETF", kNyseArca, kEtf, 1'600'000'000, 28'500, 0.08, 0.18},
    {"QQQ", "Invesco QQQ Trust", kNasdaqGm, kEtf, 600'000'000, 49'000, 0.10, 0.22},
    {"IWM", "iShares Russell 2000 ETF", kNyseArca, kEtf, 330'000'000, 22'000, 0.06, 0.24},
    {"DIA", "SPDR Dow Jones Industrial Average ETF Trust", kNyseArca, kEtf, 65'000'000, 42'000,
     0.07, 0.16},
    {"GLD", "SPDR Gold Shares", kNyseArca, kEtf, 300'000'000, 24'000, 0.05, 0.15},
    // Canadian equities
    {"SHOP.TO", "Shopify Inc.", kTsx, kEquity, 1'290'000'000, 15'000, 0.15, 0.55},
    {"RY.TO", "Royal Bank of Canada", kTsx, kEquity, 1'410'000'000, 17'000, 0.07, 0.18},
    {"TD.TO", "The Toronto-Dominion Bank", kTsx, kEquity, 1'750'000'000, 8'000, 0.05, 0.20},
    {"ENB.TO", "Enbridge Inc.", kTsx, kEquity, 2'180'000'000, 6'000, 0.05, 0.18},
    {"CNR.TO", "Canadian National Railway Company", kTsx, kEquity, 630'000'000, 15'000, 0.06, 0.20},
    {"BNS.TO", "The Bank of Nova Scotia", kTsx, kEquity, 1'240'000'000, 7'000, 0.04, 0.20},
    {"BMO.TO", "Bank of Montreal", kTsx, kEquity, 730'000'000, 13'000, 0.05, 0.21},
    {"CNQ.TO", "Canadian Natural Resources Limited", kTsx, kEquity, 2'100'000'000, 4'500, 0.06,
     0.32},
    {"SU.TO", "Suncor Energy Inc.", kTsx, kEquity, 1'260'000'000, 5'300, 0.05, 0.30},
    {"BCE.TO", "BCE Inc.", kTsx, kEquity, 912'000'000, 3'500, 0.00, 0.20},
    {"T.TO", "TELUS Corporation", kTsx, kEquity, 1'500'000'000, 2'100, 0.02, 0.18},
    {"ATD.TO", "Alimentation Couche-Tard Inc.", kTsx, kEquity, 950'000'000, 7'500, 0.08, 0.22},
    {"CP.TO", "Canadian Pacific Kansas City Limited", kTsx, kEquity, 933'000'000, 11'000, 0.07,
     0.22},
    {"MFC.TO", "Manulife Financial Corporation", kTsx, kEquity, 1'750'000'000, 4'200, 0.07, 0.24},
    {"TRI.TO", "Thomson Reuters Corporation", kTsx, kEquity, 450'000'000, 24'000, 0.09, 0.20},
    // Canadian ETFs
    {"XIU.TO", "iShares S&P/TSX 60 Index ETF", kTsx, kEtf, 450'000'000, 3'800, 0.06, 0.15},
    {"VFV.TO", "Vanguard S&P 500 Index ETF", kTsx, kEtf, 150'000'000, 15'000, 0.08, 0.17},
    {"XEQT.TO", "iShares Core Equity ETF Portfolio", kTsx, kEtf, 250'000'000, 3'300, 0.07, 0.16},
    {"ZEB.TO", "BMO Equal Weight Banks Index ETF", kTsx, kEtf, 120'000'000, 4'500, 0.05, 0.19},
    // Indexes and mutual funds (not tradable)
    {"^GSPC", "S&P 500", kSnp, kIndex, 0, 580'000, 0.08, 0.17},
    {"^DJI", "Dow Jones Industrial Average", kSnp, kIndex, 0, 4'200'000, 0.07, 0.16},
    {"^IXIC", "NASDAQ Composite", kNasdaqIndex, kIndex, 0, 1'850'000, 0.10, 0.22},
    {"^GSPTSE", "S&P/TSX Composite Index", kTsxIndex, kIndex, 0, 2'400'000, 0.06, 0.15},
    {"VFIAX", "Vanguard 500 Index Fund Admiral Shares", kFunds, kFund, 0, 52'000, 0.08, 0.17},
    {"FXAIX", "Fidelity 500 Index Fund", kFunds, kFund, 0, 20'000, 0.08, 0.17},
};

std::vector<Instrument> build() {
  std::vector<Instrument> universe;
  for (const Row& row : kRows) {
    Instrument instrument;
    instrument.symbol = row.symbol;
    instrument.name = row.name;
    instrument.exchange = row.listing.exchange;
    instrument.exchange_full_name = row.listing.exchange_full_name;
    instrument.currency = row.listing.currency;
    instrument.type = row.type;
    instrument.shares_outstanding = row.shares_outstanding;
    instrument.base_price = Price::from_micros(row.base_cents * 10'000);
    instrument.annual_drift = row.drift;
    instrument.annual_volatility = row.volatility;
    universe.push_back(std::move(instrument));
  }
  return universe;
}

}  // namespace

const std::vector<Instrument>& instrument_universe() {
  static const std::vector<Instrument> universe = build();
  return universe;
}

}  // namespace fafnir
