#!/usr/bin/env bash
# Where one application's time goes, as spans: starts the three services from */target on fresh PostgreSQL databases
# trace_* with every span sampled and exported over OTLP to bench/otlp_sink.py, applies WARMUP applications (the JIT),
# then one more, waits until it is ACTIVE and prints its two traces as trees with durations: the application
# (POST /rentals, the charge at payment-adapter) and its key task (key-adapter, the complete at engine REST).
#
#   bench/trace-breakdown.sh            WARMUP=2000 bench/trace-breakdown.sh
#
# Needs python3, psql and a PostgreSQL at 127.0.0.1:5432 whose user postgres may create databases; ports 38080-38082
# and 38318. Loopback only; stops what it started at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"; V=0.1.0-SNAPSHOT; WARMUP="${WARMUP:-500}"
OUT="$ROOT/bench/results/trace-$(date -u +%Y%m%dT%H%M%SZ)"; mkdir -p "$OUT"
export PGHOST=127.0.0.1 PGUSER=postgres
sql() { psql -X -qAt -d "$1" -c "$2"; }
for db in trace_rental trace_payment trace_key; do sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"; sql postgres "CREATE DATABASE $db"; done
PIDS=()
python3 "$ROOT/bench/otlp_sink.py" 38318 "$OUT/spans.jsonl" & PIDS+=("$!")
start() { local name=$1 port=$2 db=$3; shift 3
  env "$@" SERVER_PORT="$port" SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
    SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= SPRING_DATASOURCE_DRIVER_CLASS_NAME=org.postgresql.Driver \
    MANAGEMENT_TRACING_SAMPLING_PROBABILITY=1.0 MANAGEMENT_OTLP_TRACING_ENDPOINT=http://127.0.0.1:38318/v1/traces \
    java -Xmx512m -jar "$ROOT/$name/target/$name-$V.jar" --spring.profiles.active=local >"$OUT/$name.log" 2>&1 &
  PIDS+=("$!"); }
trap 'kill "${PIDS[@]}" 2>/dev/null; wait' EXIT
ready() { until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/actuator/health/readiness")" == 200 ]]; do sleep 0.5; done; }
start payment-adapter 38081 trace_payment
start process-app 38080 trace_rental PAYMENT_URL=http://127.0.0.1:38081 KEY_SERVICE_URL=http://127.0.0.1:38082
ready 38081; ready 38080
start key-adapter 38082 trace_key ENGINE_REST_URL=http://127.0.0.1:38080/engine-rest
ready 38082
sql trace_rental "INSERT INTO mobility (id, type, name) SELECT 'bench-' || g, 'BIKE', 'Bench vehicle ' || g
  FROM generate_series(1, $((WARMUP + 1))) g; ANALYZE mobility"
# sed, not a JSON tool: a Python start costs more than an application on some machines
apply() { curl -s -u alice:alice -H 'Content-Type: application/json' -d "{\"mobilityId\":\"bench-$1\",\"hours\":1}" \
  http://127.0.0.1:38080/rentals | sed -n 's/^{"id":"\([^"]*\)".*/\1/p'; }
echo "warm-up: $WARMUP applications"
for i in $(seq 1 "$WARMUP"); do apply "$i" >/dev/null; done
sleep 5
: >"$OUT/spans.jsonl"
ID="$(apply $((WARMUP + 1)))"
until [[ "$(sql trace_rental "SELECT status FROM rental WHERE id = '$ID'")" == ACTIVE ]]; do sleep 0.2; done
sleep 8 # the exporters send in batches every 5 s
python3 - "$OUT/spans.jsonl" <<'PY' | tee "$OUT/breakdown.txt"
import collections, json, sys
spans = [json.loads(line) for line in open(sys.argv[1])]
by_trace = collections.defaultdict(list)
for s in spans:
    by_trace[s["trace"]].append(s)
def tree(trace):
    ids = {s["span"] for s in trace}
    children = collections.defaultdict(list)
    for s in trace:
        children[s["parent"] if s["parent"] in ids else ""].append(s)
    t0 = min(s["start"] for s in trace)
    def walk(parent, depth):
        for s in sorted(children[parent], key=lambda s: s["start"]):
            print("%8.1f ms  +%6.1f  %s%s  (%s)" % ((s["end"] - s["start"]) / 1e6, (s["start"] - t0) / 1e6,
                                                  "  " * depth, s["name"], s["service"]))
            walk(s["span"], depth + 1)
    walk("", 0)
for trace in sorted(by_trace.values(), key=lambda t: min(s["start"] for s in t)):
    print()
    tree(trace)
PY
