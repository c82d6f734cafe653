#!/usr/bin/env bash
# Two `fafnir serve` nodes in cluster mode on loopback, over their own PostgreSQL, Redis and
# nats-server -js (started here in a temp dir, stopped at exit). wrk places GraphQL createOrder
# market buys, each as the next of several users in turn, first on node A alone (the reference, measured in the same run), then on both nodes
# at once, and prints requests/s and latency percentiles per node and combined. Every process
# shares this machine's cores, load generator included.
# Usage: bench/cluster_http.sh [seconds per run, default 10] [users, default 8]
# Environment: FAFNIR_BIN, the binary to serve (default build/fafnir, with fafnir_cluster.so
# beside it; built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
users="${2:-8}"
fafnir="${FAFNIR_BIN:-build/fafnir}"
source bench/http_common.sh

need_tools wrk curl
[[ -x "$fafnir" && -f "$(dirname "$fafnir")/fafnir_cluster.so" ]] || scripts/setup.sh >/dev/null
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ ! -f "$work/pg/data/postmaster.pid" ]] ||
    as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
wait_for() {  # command... ; up to 15 s
  for _ in $(seq 150); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "timed out waiting for: $*" >&2
  return 1
}

pg_port=$(free_port)
mkdir -p "$work/pg"
[[ $(id -u) != 0 ]] || chown postgres "$work/pg"
as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust >"$work/initdb.log"
as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/postgres.log" -w start \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" &
pids+=($!)
nats_port=$(free_port)
nats-server -js -a 127.0.0.1 -p "$nats_port" -sd "$work/nats" >"$work/nats.log" 2>&1 &
pids+=($!)
wait_for redis-cli -p "$redis_port" ping
wait_for bash -c "echo > /dev/tcp/127.0.0.1/$nats_port"

export FAFNIR_POSTGRES_URL="postgresql://postgres@127.0.0.1:$pg_port/postgres"
export FAFNIR_REDIS_URL="redis://127.0.0.1:$redis_port"
export FAFNIR_NATS_URL="nats://127.0.0.1:$nats_port"
export FAFNIR_JWT_SECRET="cluster-benchmark-secret-of-32-bytes!"
ports=()
for node in a b; do
  port=$(free_port)
  "$fafnir" --transport cluster --data-dir "$work/$node" --hash-cost fast --seed 1 \
    --start 2026-01-01T00:00:00Z serve --port "$port" --log-level warn 2>"$work/$node.log" &
  pids+=($!)
  wait_for curl -sf "http://127.0.0.1:$port/healthz"
  ports+=("$port")
done

a="http://127.0.0.1:${ports[0]}"
tokens=()
for user in $(seq "$users"); do
  bench_user "$a" "bench$user@example.com"
  tokens+=("$token")
done
bench_order_lua "$work/order.lua" "${tokens[@]}"
orders() {  # port output
  wrk -t1 -c16 -d"${seconds}s" --latency -s "$work/order.lua" "http://127.0.0.1:$1/graphql" >"$2"
}
summary() { grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' "$1"; }
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }

echo "== reference: createOrder on node A alone, 16 connections, ${seconds}s"
orders "${ports[0]}" "$work/alone.txt"
summary "$work/alone.txt"
echo "== createOrder on nodes A and B at once, 16 connections each, ${seconds}s"
orders "${ports[0]}" "$work/a.txt" &
load_a=$!
orders "${ports[1]}" "$work/b.txt"
wait "$load_a"
echo "-- node A"; summary "$work/a.txt"
echo "-- node B"; summary "$work/b.txt"
combined=$(awk -v x="$(rate "$work/a.txt")" -v y="$(rate "$work/b.txt")" 'BEGIN {printf "%.0f", x + y}')
echo "== two nodes: $combined createOrder/s combined; one node alone: $(rate "$work/alone.txt")/s"
orders_count=$(bench_graphql "$a" '{"query":"{ getOrders { count } }"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["getOrders"]["count"])')
echo "orders stored: $orders_count"
echo "PostgreSQL deadlocks detected (and rolled back) meanwhile: $(grep -c 'deadlock detected' "$work/pg/postgres.log" || true)"
