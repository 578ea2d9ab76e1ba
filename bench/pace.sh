#!/usr/bin/env bash
# A quick pace check of POST /rentals with wrk, for a before/after pair of one change (docs/benchmarks.md, "Changes"):
# starts the three services from */target (or $JARS) on fresh PostgreSQL databases pace_*, warms up for 60 s at 16
# connections, then measures three 20-s windows at 16 connections and one at 8: applications/s, latency, CPU
# milliseconds per application of each service and of PostgreSQL, statements per application (pg_stat_statements,
# when the server preloads it), the key backlog left behind and how long it takes to drain.
#
#   bench/pace.sh [label]       JARS=dir-with-the-three-jars bench/pace.sh before
#
# Needs wrk and psql (apt-get install wrk postgresql-client), a PostgreSQL at 127.0.0.1:5432 whose user postgres may
# create databases; ports 28080-28082. Loopback only; stops the services at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"; V=0.1.0-SNAPSHOT; LABEL="${1:-pace}"
OUT="$ROOT/bench/results/pace-$LABEL-$(date -u +%Y%m%dT%H%M%SZ)"; mkdir -p "$OUT"
export PGHOST=127.0.0.1 PGUSER=postgres
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
sql() { psql -X -qAt -d "$1" -c "$2"; }
for db in pace_rental pace_payment pace_key; do sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"; sql postgres "CREATE DATABASE $db"; done
PIDS=()
start() { local name=$1 port=$2 db=$3; shift 3
  # JAVA_OPTS is a list of options: word splitting is intended
  # shellcheck disable=SC2086
  env "$@" RENTAL_HOUR="${RENTAL_HOUR:-PT1H}" SERVER_PORT="$port" SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
    SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= SPRING_DATASOURCE_DRIVER_CLASS_NAME=org.postgresql.Driver \
    java $JAVA_OPTS -jar "${JARS:-$ROOT/$name/target}/$name-$V.jar" --spring.profiles.active=local >"$OUT/$name.log" 2>&1 &
  PIDS+=("$!"); echo "$!" >"$OUT/$name.pid"; }
trap 'kill "${PIDS[@]}" 2>/dev/null; wait' EXIT
ready() { until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/actuator/health/readiness")" == 200 ]]; do sleep 0.5; done; }
start payment-adapter 28081 pace_payment
start process-app 28080 pace_rental PAYMENT_URL=http://127.0.0.1:28081 KEY_SERVICE_URL=http://127.0.0.1:28082 ${PROCESS_APP_ENV:-}
ready 28081; ready 28080
start key-adapter 28082 pace_key ENGINE_REST_URL=http://127.0.0.1:28080/engine-rest
ready 28082
sql pace_rental "INSERT INTO mobility (id, type, name) SELECT 'bench-' || g, (ARRAY['BIKE','SCOOTER','CAR'])[1 + g % 3],
  'Bench vehicle ' || g FROM generate_series(1, 1000000) g; ANALYZE mobility"
STATEMENTS=0
if [[ "$(sql postgres 'SHOW shared_preload_libraries')" == *pg_stat_statements* ]]; then
  sql pace_rental "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"; STATEMENTS=1
fi
cat >"$OUT/apply.lua" <<'LUA'
local tid = 0
function setup(thread) thread:set("id", tid); tid = tid + 1 end
function init(args) base = tonumber(args[1]) + id * 50000; n = 0 end
request = function()
  n = n + 1
  return wrk.format("POST", "/rentals", {["Content-Type"] = "application/json",
    ["Authorization"] = "Basic YWxpY2U6YWxpY2U="}, '{"mobilityId":"bench-' .. (base + n) .. '","hours":1}')
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.0f ms, p99 %.0f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
cpu() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }
pg_cpu() { local total=0 p; for p in $(pgrep -f 'postgres: '); do total=$(awk -v t="$total" '{ print t + ($14 + $15) / 100 }' "/proc/$p/stat" 2>/dev/null || echo "$total"); done; echo "$total"; }
count() { sql pace_rental "SELECT count(*) FROM rental WHERE status <> 'REJECTED' $1"; }
# window <label> <first vehicle> <seconds> <connections>
window() {
  local label=$1 from=$2 seconds=$3 connections=$4 n0 a0 n a p0 name
  declare -A c0
  (( STATEMENTS )) && sql pace_rental "SELECT pg_stat_statements_reset()" >/dev/null
  n0=$(count ""); a0=$(count "AND status <> 'KEY_PENDING' AND status <> 'PAYMENT_PENDING'"); p0=$(pg_cpu)
  for name in process-app payment-adapter key-adapter; do c0[$name]=$(cpu "$(cat "$OUT/$name.pid")"); done
  wrk -t2 -c"$connections" -d"${seconds}s" -s "$OUT/apply.lua" http://127.0.0.1:28080 -- "$from" >"$OUT/wrk-$label.txt"
  n=$(( $(count "") - n0 )); a=$(( $(count "AND status <> 'KEY_PENDING' AND status <> 'PAYMENT_PENDING'") - a0 ))
  printf '%-6s %3s conns: %6.1f applications/s, %s; keys issued %d; backlog %d' "$label" "$connections" \
    "$(awk -v n="$n" -v s="$seconds" 'BEGIN { print n / s }')" "$(tail -1 "$OUT/wrk-$label.txt")" "$a" \
    "$(sql pace_rental "SELECT count(*) FROM rental WHERE status = 'KEY_PENDING'")"
  printf '; CPU ms/application:'
  for name in process-app payment-adapter key-adapter; do
    printf ' %s %.1f' "$name" "$(awk -v b="$(cpu "$(cat "$OUT/$name.pid")")" -v a="${c0[$name]}" -v n="$n" 'BEGIN { print 1000 * (b - a) / n }')"
  done
  printf ' postgres %.1f' "$(awk -v b="$(pg_cpu)" -v a="$p0" -v n="$n" 'BEGIN { print 1000 * (b - a) / n }')"
  if (( STATEMENTS )); then
    printf '; statements per application + key: %.0f' "$(sql pace_rental "SELECT sum(calls) FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'pace_rental')" | awk -v n="$n" -v a="$a" '{ print 2 * $1 / (n + a) }')"
  fi
  echo
}
{
  echo "pace run $LABEL: git $(git rev-parse --short HEAD), $(java -version 2>&1 | head -1), autovacuum $(sql postgres 'SHOW autovacuum')"
  window warm 1 60 16
  window w1 100001 20 16
  window w2 200001 20 16
  window w3 300001 20 16
  t0=$(date +%s)
  until (( $(sql pace_rental "SELECT count(*) FROM rental WHERE status IN ('KEY_PENDING', 'PAYMENT_PENDING')") == 0 )) \
        || (( $(date +%s) - t0 > 240 )); do sleep 1; done
  echo "key backlog drained after $(( $(date +%s) - t0 )) s"
  window w8 400001 20 8
} | tee "$OUT/pace.txt"
