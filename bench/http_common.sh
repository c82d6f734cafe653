# Shared by the HTTP benchmarks (source it): missing tools, a free loopback port, funded
# benchmark users, and the wrk script that places orders as them.

# need_tools TOOL...: installs the Debian packages of the same names that are missing.
need_tools() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
  done
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bench_user BASE_URL [EMAIL]: registers and logs in EMAIL (default bench@example.com), opens an
# INVESTMENT USD account and deposits 9,000,000,000.00 into it. Sets `token` and `account`.
bench_user() {
  local base=$1 email=${2:-bench@example.com} created=""
  curl -sf -X POST "$base/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"benchmark\",\"firstName\":\"B\",\"lastName\":\"Ench\"}" >/dev/null
  token=$(curl -sf -X POST "$base/auth/login?token=1" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"benchmark\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  account=""
  for _ in $(seq 50); do  # on a cluster the member role arrives with users.registered
    created=$(bench_graphql "$base" '{"query":"mutation { createAccount(request: {type: \"INVESTMENT\", currency: \"USD\"}) { code data { id } } }"}')
    account=$(python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]["createAccount"]; print(d["data"]["id"] if d["code"]=="OK" else "")' <<<"$created")
    [[ -n "$account" ]] && break
    sleep 0.2
  done
  [[ -n "$account" ]] || { echo "could not open an account: $created" >&2; return 1; }
  for _ in $(seq 10); do
    bench_graphql "$base" "{\"query\":\"mutation { deposit(request: {accountId: \\\"$account\\\", amount: 900000000, currency: \\\"USD\\\"}) { code } }\"}" >/dev/null
  done
}

# bench_graphql BASE_URL BODY: POST /graphql as the benchmark user.
bench_graphql() {
  curl -sf -X POST "$1/graphql" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$2"
}

# bench_order_lua FILE TOKEN...: writes the wrk script placing market buys of 0.01 AAPL, each
# request as the next of the given users in turn.
bench_order_lua() {
  local file=$1 quoted
  shift
  quoted=$(printf '"%s",' "$@")
  cat >"$file" <<LUA
local tokens = {${quoted%,}}
local body = '{"query":"mutation Buy(\$r: CreateOrderRequest!) { createOrder(request: \$r) { code data { id status avgFillPrice } } }","operationName":"Buy","variables":{"r":{"symbol":"AAPL","side":"BUY","type":"MARKET","quantity":0.01}}}'
local sent = 0
request = function()
  sent = sent + 1
  local headers = {["Content-Type"] = "application/json",
                   ["Authorization"] = "Bearer " .. tokens[sent % #tokens + 1]}
  return wrk.format("POST", nil, headers, body)
end
LUA
}
