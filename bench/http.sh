#!/usr/bin/env bash
# HTTP benchmark of `fafnir serve` with wrk on loopback: GraphQL getStockQuote and createOrder
# over keep-alive connections. Prints requests/s and latency percentiles beside the targets
# (SPEC §9: >= 20,000 quote queries/s with p99 <= 5 ms at 64 connections; >= 3,000 createOrder/s).
# Usage: bench/http.sh [seconds per run, default 10]
# Environment: FAFNIR_BIN, the binary to serve (default build/fafnir, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
fafnir="${FAFNIR_BIN:-build/fafnir}"
source bench/http_common.sh

need_tools wrk curl
[[ -x "$fafnir" ]] || scripts/setup.sh >/dev/null

work=$(mktemp -d)
port=$(free_port)
"$fafnir" --data-dir "$work/data" --hash-cost fast serve --port "$port" --log-level warn &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

bench_user "$base"

cat >"$work/quote.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"query":"query Quote(\$s: String!) { getStockQuote(symbol: \$s) { code data { symbol price open previousClose priceChange priceChangePercent volume marketCap dayLow dayHigh yearHigh yearLow currency source asOf marketState } } }","operationName":"Quote","variables":{"s":"AAPL"}}'
LUA
bench_order_lua "$work/order.lua" "$token"

bench_graphql "$base" '{"query":"{ getStockQuote(symbol: \"AAPL\") { code } }"}' >/dev/null  # warm the caches
echo "== GraphQL getStockQuote, 64 connections, ${seconds}s (target >= 20000 req/s, p99 <= 5 ms)"
wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/quote.lua" "$base/graphql" |
  grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors'
echo "== GraphQL createOrder, 16 connections, ${seconds}s (target >= 3000 req/s)"
wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/order.lua" "$base/graphql" |
  grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors'
