#!/usr/bin/env bash
# The benchmark, in one go: builds the services, starts them on fresh PostgreSQL databases and measures
#   1. the ceiling: pgbench commit rate, a no-op process start rate of a bare engine on the same PostgreSQL, and the
#      start -> wait rate of a bare engine REST app (bench/ceiling-app) with Gatling and the users of the closed phase
#   2. the highest POST /rentals throughput of a closed model (CLOSED_USERS concurrent customers, each level)
#   3. POST /rentals latency at a fixed arrival rate (OPEN_RATE/s, a CANCEL_SHARE of them cancelled), and
#      application -> ACTIVE and cancel -> CANCELLED from the read model's timestamps
#   4. GET /mypages with MYPAGE_ROWS rentals in the read model
#   5. a soak of SOAK_SECONDS at SOAK_RATE/s: throughput, heap and RSS of each service every SAMPLE_SECONDS; then
#      PROFILE_SECONDS at that rate with a JFR CPU profile of each service
#   6. the apply test of 3 with the payment service down: killed (connection refused), then hung (SIGSTOP)
#   7. overload: twice the closed maximum for OVERLOAD_SECONDS: what is refused (503) and how fast, how soon the
#      accepted rentals are ACTIVE, and that each of them ends COMPLETED or CANCELLED
#   8. the key pipeline at a backlog: for each of BACKLOG_SIZES open issue-key tasks, built with the key worker
#      stopped, the engine's fetch-and-lock latency (the worker's own request) and the drain rate once it starts
#   9. two process-app nodes and two key workers on the same databases, CLUSTER_SECONDS at CLUSTER_RATE/s spread
#      over both nodes: latencies, work per node and per worker, CPU per application of each process and
#      PostgreSQL, and that no rental was charged twice and every active rental shows the key the key service holds
# Before 3, 5 and 6 it waits until the rentals of the phase before have ended (at most 4 minutes each).
# Results go to bench/results/<UTC time>/: results.md (the figures, and where each service's CPU went during the
# soak), samples.csv, plot PNGs, Gatling reports, JFR recordings, logs.
#
#   bench/run.sh             the full run (about 85 minutes)
#   bench/run.sh --quick     short phases and a 1-minute soak, to try the script (about 8 minutes)
#   bench/run.sh --no-build  use the jars already in */target
#
# Needs a JDK 17+ and a PostgreSQL 13+ whose user may create databases: $PG_URL
# (postgresql://user:password@host:port/db or jdbc:postgresql://host:port/db?user=u&password=p), else
# postgres@127.0.0.1:5432. It installs what is missing with apt-get (postgresql-client for psql and pgbench,
# gnuplot-nox, jq, curl) and leaves what is there: running it again installs nothing. It drops and creates the
# databases bench_rental, bench_payment, bench_key, bench_noop, bench_ceiling and bench_pgbench. Loopback only.
#
# Environment (all optional): PHASES (all: "ceiling warm-up closed open mypage soak payment overload backlog cluster"; keep
#   warm-up before any load phase)
#   PHASE_SECONDS (60)  OVERLOAD_SECONDS (300)  BACKLOG_SIZES ("1000 10000 50000")
#   CLUSTER_SECONDS (600)  CLUSTER_RATE (half the closed maximum, as the soak; give it with PHASES without closed)
#   CLOSED_USERS ("4 8 16")  OPEN_RATE (auto: half the closed maximum)
#   CANCEL_SHARE (0.2)  WARMUP_SECONDS (180: the JIT of three services, before anything is measured)  MYPAGE_ROWS (1000000)  SOAK_SECONDS (600)  SOAK_RATE (half the closed maximum)  SAMPLE_SECONDS (5)
#   PROFILE_SECONDS (30: JFR CPU profile of each service during the soak)
#   RENTAL_HOUR (PT2M: rentals run out during the soak)  JAVA_OPTS (-Xmx512m: the heap target)
#   KEY_WORKER_MAX_TASKS (16: the key worker's fetch size)  FETCH_SIZES ("16 8 4": fetch sizes the backlog phase probes)
#   PORT_BASE (18080: process-app, +1 payment-adapter, +2 key-adapter)  DB_POOL_SIZE etc. go to the services.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
VERSION="0.1.0-SNAPSHOT"

QUICK=0
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

if (( QUICK )); then
  PHASE_SECONDS="${PHASE_SECONDS:-15}"; SOAK_SECONDS="${SOAK_SECONDS:-60}"; MYPAGE_ROWS="${MYPAGE_ROWS:-100000}"
  CLOSED_USERS="${CLOSED_USERS:-4 16}"; WARMUP_SECONDS="${WARMUP_SECONDS:-60}"
  OVERLOAD_SECONDS="${OVERLOAD_SECONDS:-30}"; BACKLOG_SIZES="${BACKLOG_SIZES:-500 2000 5000}"
  CLUSTER_SECONDS="${CLUSTER_SECONDS:-60}"
fi
OVERLOAD_SECONDS="${OVERLOAD_SECONDS:-300}"
CLUSTER_SECONDS="${CLUSTER_SECONDS:-600}"
# the phases to run (all by default); e.g. PHASES=backlog for the key pipeline alone
PHASES="${PHASES:-ceiling warm-up closed open mypage soak payment overload backlog cluster}"
wants() { [[ " $PHASES " == *" $1 "* ]]; }
# figures of phases that are not run
NOOP_RATE=0; CEILING_RATE=0; MAX_RATE=0; MAX_KO=0
BACKLOG_SIZES="${BACKLOG_SIZES:-1000 10000 50000}"
# the key worker's fetch size (key-adapter's KEY_WORKER_MAX_TASKS), and the sizes the backlog phase also probes
export KEY_WORKER_MAX_TASKS="${KEY_WORKER_MAX_TASKS:-16}"
FETCH_SIZES="${FETCH_SIZES:-16 8 4}"
PHASE_SECONDS="${PHASE_SECONDS:-60}"
CLOSED_USERS="${CLOSED_USERS:-4 8 16}"
OPEN_RATE="${OPEN_RATE:-auto}"
CANCEL_SHARE="${CANCEL_SHARE:-0.2}"
WARMUP_SECONDS="${WARMUP_SECONDS:-180}"
MYPAGE_ROWS="${MYPAGE_ROWS:-1000000}"
SOAK_SECONDS="${SOAK_SECONDS:-600}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-5}"
PROFILE_SECONDS="${PROFILE_SECONDS:-30}"
export RENTAL_HOUR="${RENTAL_HOUR:-PT2M}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
PORT_BASE="${PORT_BASE:-18080}"
PROCESS_PORT=$PORT_BASE
PAYMENT_PORT=$((PORT_BASE + 1))
KEY_PORT=$((PORT_BASE + 2))
# each Gatling run rents vehicles of its own block bench-<n>, so no application meets a live rental (409);
# 19 blocks: warm-up, start -> wait warm-up and 3 levels, 3 closed levels, open, my page, soak, profile, 3 payment
# runs, overload and its probe, one spare (the backlog phase has vehicles of its own, backlog-<n>)
VEHICLES_PER_PHASE=60000
PHASES_WITH_VEHICLES=19

OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT/logs" "$OUT/gatling"
RESULTS="$OUT/results.md"
SAMPLES="$OUT/samples.csv"

say() { echo "[bench $(date -u +%H:%M:%S)] $*"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# ------------------------------------------------------------------ tools (idempotent: installs only what is missing)

need=()
command -v psql >/dev/null || need+=(postgresql-client)
command -v pgbench >/dev/null || need+=(postgresql-client)
command -v gnuplot >/dev/null || need+=(gnuplot-nox)
command -v jq >/dev/null || need+=(jq)
command -v curl >/dev/null || need+=(curl)
if (( ${#need[@]} )); then
  say "installing ${need[*]}"
  SUDO=""; (( EUID == 0 )) || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v java >/dev/null || { echo "no java on the PATH: install a JDK 17+" >&2; exit 1; }

# ------------------------------------------------------------------ PostgreSQL

# PG_URL in either form of the README -> PGHOST, PGPORT, PGUSER, PGPASSWORD for psql and pgbench
PG_URL="${PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
if [[ "$PG_URL" =~ ^jdbc:postgresql://([^:/?]+)(:([0-9]+))?/[^?]*(\?(.*))?$ ]]; then
  PGHOST="${BASH_REMATCH[1]}"; PGPORT="${BASH_REMATCH[3]:-5432}"; query="${BASH_REMATCH[5]:-}"
  PGUSER="$(sed -n 's/.*\(^\|&\)user=\([^&]*\).*/\2/p' <<<"$query")"
  PGPASSWORD="$(sed -n 's/.*\(^\|&\)password=\([^&]*\).*/\2/p' <<<"$query")"
elif [[ "$PG_URL" =~ ^postgres(ql)?://(([^:@/]+)(:([^@]*))?@)?([^:/]+)(:([0-9]+))?(/.*)?$ ]]; then
  PGUSER="${BASH_REMATCH[3]}"; PGPASSWORD="${BASH_REMATCH[5]}"; PGHOST="${BASH_REMATCH[6]}"
  PGPORT="${BASH_REMATCH[8]:-5432}"
else
  echo "PG_URL not understood: $PG_URL" >&2; exit 2
fi
export PGHOST PGPORT PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-}"
jdbc_url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1"; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$1" -c "$2"; }

# ------------------------------------------------------------------ build

if (( BUILD )); then
  say "building the services: ./mvnw -q -DskipTests package"
  ./mvnw -q -DskipTests package
fi
say "building the bench module"
./mvnw -q -f bench/pom.xml test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" \
  >"$OUT/logs/bench-build.log"
BENCH_CP="$ROOT/bench/target/classes:$(cat "$OUT/classpath.txt")"
./mvnw -q -f bench/ceiling-app/pom.xml -DskipTests package >"$OUT/logs/ceiling-app-build.log"

# A production PostgreSQL runs autovacuum. Some machines (this project's CI image) switch it off, and then the engine's
# fast-growing runtime tables keep the statistics of empty tables: plans that read whole tables, e.g. 13 ms for one
# rental's variables at 100 000 rows (docs/benchmarks.md). The run switches it on and restores the setting at the end.
AUTOVACUUM_WAS="$(sql postgres 'SHOW autovacuum')"
if [[ "$AUTOVACUUM_WAS" == off ]]; then
  say "autovacuum is off on this server: on for this run"
  sql postgres "ALTER SYSTEM SET autovacuum = on" && sql postgres "SELECT pg_reload_conf()" >/dev/null
fi
restore_autovacuum() {
  if [[ "$AUTOVACUUM_WAS" == off ]]; then
    sql postgres "ALTER SYSTEM RESET autovacuum" && sql postgres "SELECT pg_reload_conf()" >/dev/null
  fi
}
trap restore_autovacuum EXIT # until the services run: then cleanup does it

for db in bench_rental bench_payment bench_key bench_noop bench_ceiling bench_pgbench; do
  sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  sql postgres "CREATE DATABASE $db"
done

# ------------------------------------------------------------------ results

PG_VERSION="$(sql postgres 'SHOW server_version')"
{
  echo "# Benchmark run $(basename "$OUT")"
  echo
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "$(java -version 2>&1 | head -1), PostgreSQL $PG_VERSION, git $(git rev-parse --short HEAD)"
  echo "settings: JAVA_OPTS=$JAVA_OPTS RENTAL_HOUR=$RENTAL_HOUR PHASE_SECONDS=$PHASE_SECONDS" \
    "OPEN_RATE=$OPEN_RATE WARMUP_SECONDS=$WARMUP_SECONDS autovacuum=on (server: $AUTOVACUUM_WAS) CANCEL_SHARE=$CANCEL_SHARE SOAK_SECONDS=$SOAK_SECONDS DB_POOL_SIZE=${DB_POOL_SIZE:-20 (default)} KEY_WORKER_MAX_TASKS=$KEY_WORKER_MAX_TASKS"
  echo
  echo "| phase | figure | value | load average at start / end |"
  echo "| --- | --- | --- | --- |"
} >"$RESULTS"
# result <name> <phase> <figure> <value> <load at start>: a row of results.md, and the figure under its stable name
# in summary.json (written at the end from summary.jsonl)
result() {
  echo "| $2 | $3 | $4 | $5 / $(loadavg) |" >>"$RESULTS"; say "$2: $3 = $4"
  jq -cn --arg name "$1" --arg phase "$2" --arg figure "$3" --arg value "$4" \
    '{name: $name, phase: $phase, figure: $figure, value: $value}' >>"$OUT/summary.jsonl"
}
phase() { echo "$1" >"$OUT/phase"; say "phase $1 (load $(loadavg))"; }
phase setup

# ------------------------------------------------------------------ the services

PIDS=()
mkdir -p "$OUT/pids"
start_service() {
  # name: a module (process-app), or a module's second instance (process-app-2)
  local name=$1 port=$2 db=$3 module="${1%-2}"
  shift 3
  say "starting $name on port $port (database $db, log $OUT/logs/$name.log)"
  # JAVA_OPTS is a list of options: word splitting is intended
  # shellcheck disable=SC2086
  env "$@" SERVER_PORT="$port" SPRING_DATASOURCE_URL="$(jdbc_url "$db")" SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATASOURCE_PASSWORD="$PGPASSWORD" SPRING_DATASOURCE_DRIVER_CLASS_NAME=org.postgresql.Driver \
    java $JAVA_OPTS -jar "$ROOT/$module/target/$module-$VERSION.jar" --spring.profiles.active=local \
    >>"$OUT/logs/$name.log" 2>&1 &
  PIDS+=("$!")
  echo "$!" >"$OUT/pids/$name"
}
# the pid of a service's latest start (a file: the sampler runs in a subshell and must see restarts)
pid_of() { cat "$OUT/pids/$1"; }
await_ready() {
  local name=$1 port=$2 waited=0
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")" == 200 ]]; do
    kill -0 "$(pid_of "$name")" 2>/dev/null || { echo "$name exited; see $OUT/logs/$name.log" >&2; exit 1; }
    (( waited < 300 )) || { echo "$name not ready after 300 s; see $OUT/logs/$name.log" >&2; exit 1; }
    sleep 2; waited=$((waited + 2))
  done
  say "$name ready after ${waited}s"
}
SAMPLER=""
cleanup() {
  set +e # stop everything, whatever fails
  [[ -n "$SAMPLER" ]] && kill "$SAMPLER" 2>/dev/null
  local pid
  for pid in "${PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null; kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  restore_autovacuum
  say "services stopped; results in $OUT"
}
trap cleanup EXIT

# ------------------------------------------------------------------ 1. the ceiling (before the services run)

if wants ceiling; then
phase ceiling
load0="$(loadavg)"
pgbench -q -i -s 10 bench_pgbench >"$OUT/logs/pgbench-init.log" 2>&1
# simple-update: one UPDATE, one SELECT, one INSERT, one commit per transaction; 16 clients (process-app's pool is 20)
pgbench -n -b simple-update -c 16 -j 2 -T "$PHASE_SECONDS" bench_pgbench >"$OUT/logs/pgbench.log" 2>&1
PGBENCH_TPS="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/logs/pgbench.log" | head -1)"
result "ceiling.pgbench_commits_per_s" ceiling "pgbench simple-update, 16 clients, ${PHASE_SECONDS} s (commits/s)" "$PGBENCH_TPS" "$load0"

load0="$(loadavg)"
java $JAVA_OPTS -cp "$BENCH_CP" com.sharedmobility.bench.NoopStartCeiling "$(jdbc_url bench_noop)" "$PGUSER" \
  "$PGPASSWORD" "$PHASE_SECONDS" "4,16" >"$OUT/logs/noop.log" 2>&1
NOOP_RATE="$(awk '/^noop / { split($5, r, "="); if (r[2] > max) max = r[2] } END { print max }' "$OUT/logs/noop.log")"
result "ceiling.noop_starts_per_s" ceiling "no-op process starts/s, bare engine (best of 4 and 16 threads)" "$NOOP_RATE" "$load0"
grep '^noop ' "$OUT/logs/noop.log" | sed 's/^/    /'
fi

# ------------------------------------------------------------------ Gatling

NEXT_VEHICLE=1
# gatling <simulation> <label> [-Dbench.x=y ...]: one bounded run against process-app (or $BENCH_URL); its report
# goes to $OUT/gatling/<label>
gatling() {
  local simulation=$1 label=$2 dir
  shift 2
  ./mvnw -q -f bench/pom.xml gatling:test -Dgatling.simulationClass="com.sharedmobility.bench.$simulation" \
    -Dbench.baseUrl="${BENCH_URL:-http://127.0.0.1:$PROCESS_PORT}" -Dbench.vehicleFrom="$NEXT_VEHICLE" "$@" \
    >"$OUT/logs/gatling-$label.log" 2>&1 || say "gatling $label ended with an error, see $OUT/logs/gatling-$label.log"
  NEXT_VEHICLE=$((NEXT_VEHICLE + VEHICLES_PER_PHASE))
  dir="$(ls -td "$ROOT"/bench/target/gatling/*/ | head -1)"
  mv "$dir" "$OUT/gatling/$label"
}
# figure <label> <request> <words>: a figure of one request, as Gatling printed it for the always-true assertion
# that starts with these words (BenchSettings.figuresOf), rounded to an integer
figure() {
  sed -n "s/^$2: $3.*(actual : \([0-9.]*\))\$/\1/p" "$OUT/logs/gatling-$1.log" | head -1 | awk '{ printf "%d", $1 }'
}
# "N OK, N KO; p50/p95/p99/max ... ms" of one request
summary() {
  echo "$(figure "$1" "$2" 'count of successful') OK, $(figure "$1" "$2" 'count of failed') KO;" \
    "p50/p95/p99/max $(figure "$1" "$2" '50th')/$(figure "$1" "$2" '95th')/$(figure "$1" "$2" '99th')/$(figure "$1" "$2" 'max') ms"
}
# the start -> wait ceiling: a bare Camunda 7.24 + Spring Boot app (bench/ceiling-app) whose engine REST starts a
# process that waits at an external task, the shape of an application without its work; Gatling with the users of
# the closed phase, after a warm-up of its own
if wants ceiling; then
phase ceiling-start-wait
CEILING_PORT=$((PORT_BASE + 10))
# shellcheck disable=SC2086
SERVER_PORT="$CEILING_PORT" SPRING_DATASOURCE_URL="$(jdbc_url bench_ceiling)" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  SPRING_DATASOURCE_PASSWORD="$PGPASSWORD" java $JAVA_OPTS -jar "$ROOT/bench/ceiling-app/target/bench-ceiling-app-$VERSION.jar" \
  >"$OUT/logs/ceiling-app.log" 2>&1 &
CEILING_PID=$!
PIDS+=("$CEILING_PID")
waited=0
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CEILING_PORT/engine-rest/process-definition/key/bench-start-wait")" == 200 ]]; do
  kill -0 "$CEILING_PID" 2>/dev/null || { echo "the ceiling app exited; see $OUT/logs/ceiling-app.log" >&2; exit 1; }
  (( waited < 300 )) || { echo "the ceiling app not ready after 300 s" >&2; exit 1; }
  sleep 2; waited=$((waited + 2))
done
BENCH_URL="http://127.0.0.1:$CEILING_PORT" gatling StartWaitCeilingSimulation start-wait-warm-up \
  -Dbench.users=8 -Dbench.seconds="$WARMUP_SECONDS"
CEILING_RATE=0
for users in $CLOSED_USERS; do
  load0="$(loadavg)"
  BENCH_URL="http://127.0.0.1:$CEILING_PORT" gatling StartWaitCeilingSimulation "start-wait-$users" \
    -Dbench.users="$users" -Dbench.seconds="$PHASE_SECONDS"
  rate="$(awk -v ok="$(figure "start-wait-$users" start 'count of successful')" -v s="$PHASE_SECONDS" \
    'BEGIN { printf "%.1f", ok / s }')"
  result "ceiling.start_wait_users_$users" "ceiling, start -> wait, $users users" \
    "engine REST starts/s; latency" "$rate; $(summary "start-wait-$users" start)" "$load0"
  if awk -v a="$rate" -v b="$CEILING_RATE" 'BEGIN { exit !(a > b) }'; then CEILING_RATE=$rate; fi
done
result "ceiling.start_wait" ceiling "start -> wait starts/s, bare engine REST (best level)" "$CEILING_RATE" "-"
kill "$CEILING_PID"; wait "$CEILING_PID" 2>/dev/null || true
fi

# ------------------------------------------------------------------ start the stack

phase start
for port in "$PROCESS_PORT" "$PAYMENT_PORT" "$KEY_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: stop what runs there or set PORT_BASE" >&2; exit 1
  fi
done
start_service payment-adapter "$PAYMENT_PORT" bench_payment
start_service process-app "$PROCESS_PORT" bench_rental PAYMENT_URL="http://127.0.0.1:$PAYMENT_PORT" KEY_SERVICE_URL="http://127.0.0.1:$KEY_PORT"
await_ready payment-adapter "$PAYMENT_PORT"
await_ready process-app "$PROCESS_PORT"
start_service key-adapter "$KEY_PORT" bench_key ENGINE_REST_URL="http://127.0.0.1:$PROCESS_PORT/engine-rest"
await_ready key-adapter "$KEY_PORT"

# Bench-only additions to process-app's database (no product change): vehicles enough for every application, and
# a trigger that logs each status change of the read model with the read model's own timestamp (one small insert
# in the same transaction), from which application -> ACTIVE and cancel -> CANCELLED are measured.
sql bench_rental "
  INSERT INTO mobility (id, type, name)
    SELECT 'bench-' || g, (ARRAY['BIKE', 'SCOOTER', 'CAR'])[1 + g % 3], 'Bench vehicle ' || g
    FROM generate_series(1, $((VEHICLES_PER_PHASE * PHASES_WITH_VEHICLES))) g;
  -- status CREATED: the application, at the read model's created_at
  CREATE TABLE bench_transition (rental_id VARCHAR(36) NOT NULL, status VARCHAR(20) NOT NULL,
                                 at TIMESTAMP WITH TIME ZONE NOT NULL);
  CREATE INDEX bench_transition_status ON bench_transition (status, rental_id);
  CREATE FUNCTION bench_log_transition() RETURNS trigger LANGUAGE plpgsql AS \$\$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO bench_transition VALUES (NEW.id, 'CREATED', NEW.created_at);
      END IF;
      IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO bench_transition VALUES (NEW.id, NEW.status, NEW.updated_at);
      END IF;
      RETURN NULL;
    END \$\$;
  CREATE TRIGGER bench_log_transition AFTER INSERT OR UPDATE ON rental
    FOR EACH ROW EXECUTE FUNCTION bench_log_transition();
  ANALYZE mobility;"

# ------------------------------------------------------------------ sampler: throughput, heap, RSS, CPU over time

# heap used of a service in MiB: from its actuator (the local profile's operator may read metrics), else from jstat
# (payment-adapter denies metrics to everyone; jstat starts a JVM, so it is the exception)
heap_mib() {
  local port=$1 pid=$2 heap
  heap="$(curl -s -u ops:ops "http://127.0.0.1:$port/actuator/metrics/jvm.memory.used?tag=area:heap" \
    | jq -r '(.measurements[0].value // empty) / 1048576 | floor' 2>/dev/null)"
  [[ -n "$heap" ]] || heap="$(jstat -gc "$pid" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 { printf "%d", ($c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"]) / 1024 }')"
  echo "$heap"
}
rss_mib() { awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$1/status" 2>/dev/null || true; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || true; }
postgres_cpu_seconds() {
  local pids
  pids="$(pgrep -d ' ' -x postgres || true)"
  [[ -n "$pids" ]] || { echo 0; return; }
  # shellcheck disable=SC2086 # one path per pid
  (cd /proc && cat $(printf '%s/stat ' $pids) 2>/dev/null) | awk -v hz="$(getconf CLK_TCK)" '{ t += $14 + $15 } END { print t / hz }'
}
sampler() {
  set +e # a sample that fails leaves a gap, not the end of sampling
  local t0 prev_t prev_n now n rate row name pid port
  t0="$(date +%s)"; prev_t=$t0; prev_n=0
  echo "seconds,phase,load1,applications,applications_per_s,process_heap_mib,process_rss_mib,process_cpu_s,payment_heap_mib,payment_rss_mib,payment_cpu_s,key_heap_mib,key_rss_mib,key_cpu_s,postgres_cpu_s,autovacuum_workers" >"$SAMPLES"
  while true; do
    now="$(date +%s)"
    n="$(sql bench_rental "SELECT count(*) FROM bench_transition WHERE status = 'CREATED'" 2>/dev/null || echo "$prev_n")"
    rate="$(awk -v a="$n" -v b="$prev_n" -v dt=$((now - prev_t)) 'BEGIN { printf "%.1f", (dt > 0 ? (a - b) / dt : 0) }')"
    row="$((now - t0)),$(cat "$OUT/phase"),$(cut -d' ' -f1 /proc/loadavg),$n,$rate"
    for name in process-app payment-adapter key-adapter; do
      pid="$(pid_of "$name")"
      case "$name" in process-app) port=$PROCESS_PORT ;; payment-adapter) port=$PAYMENT_PORT ;; *) port=$KEY_PORT ;; esac
      row="$row,$(heap_mib "$port" "$pid"),$(rss_mib "$pid"),$(cpu_seconds "$pid")"
    done
    # PostgreSQL's CPU (all its processes) and what its autovacuum works on: a tail of the soak came with neither
    # the services' logs nor their heap saying why (run 20261202T033559Z)
    row="$row,$(postgres_cpu_seconds),$(sql postgres "SELECT count(*) FROM pg_stat_activity
      WHERE backend_type = 'autovacuum worker'" 2>/dev/null)"
    sql postgres "SELECT $((now - t0)) || 's ' || datname || ' ' || relid::regclass || ' ' || phase
      || ' ' || heap_blks_scanned || '/' || heap_blks_total FROM pg_stat_progress_vacuum" \
      >>"$OUT/logs/autovacuum.log" 2>/dev/null
    echo "$row" >>"$SAMPLES"
    prev_t=$now; prev_n=$n
    sleep "$SAMPLE_SECONDS"
  done
}
sampler &
SAMPLER=$!

# p50/p95/p99 in ms and the count of a duration between two read-model transitions
transition_latency() {
  local from=$1 to=$2 since=$3 until=$4
  sql bench_rental "
    SELECT count(*) || ' rentals; p50/p95/p99/max '
      || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) || '/'
      || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)) || '/'
      || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)) || '/' || round(max(ms)) || ' ms'
    FROM (SELECT extract(epoch FROM b.at - a.at) * 1000 AS ms
          FROM bench_transition a JOIN bench_transition b ON b.rental_id = a.rental_id AND b.status = '$to'
          WHERE a.status = '$from' AND a.at BETWEEN to_timestamp($since) AND to_timestamp($until)) d"
}

# ------------------------------------------------------------------ 2. closed model: the highest throughput

# drain: waits (at most 4 minutes) until no rental of an earlier phase is still in flight or running, so that a
# measured phase is not charged with the previous one's backlog, key tasks and time-ups (rentals last RENTAL_HOUR)
drain() {
  local waited=0 left
  while left="$(sql bench_rental "SELECT count(*) FROM rental WHERE status IN
          ('PAYMENT_PENDING', 'KEY_PENDING', 'ACTIVE', 'CANCELLING')")" && (( left > 0 && waited < 240 )); do
    sleep 2; waited=$((waited + 2))
  done
  say "drained after ${waited}s: $left rentals still in flight"
}

# "<n> rentals; <s> s": the rentals waiting for their key now, and how long until none waits (at most 4 minutes)
key_backlog_drain() {
  local t0 left n
  t0="$(date +%s.%N)"
  n="$(sql bench_rental "SELECT count(*) FROM rental WHERE status = 'KEY_PENDING'")"
  left=$n
  while (( left > 0 )) && awk -v t0="$t0" -v now="$(date +%s.%N)" 'BEGIN { exit !(now - t0 < 240) }'; do
    sleep 0.5
    left="$(sql bench_rental "SELECT count(*) FROM rental WHERE status = 'KEY_PENDING'")"
  done
  awk -v n="$n" -v left="$left" -v t0="$t0" -v now="$(date +%s.%N)" \
    'BEGIN { printf "%d rentals; %.1f s%s", n, now - t0, (left > 0 ? " (" left " still waiting)" : "") }'
}

if wants warm-up; then
phase warm-up
# not measured: the JIT compiles the hot paths of all three services
gatling ApplyClosedSimulation warm-up -Dbench.users=8 -Dbench.seconds="$WARMUP_SECONDS"
fi

if wants closed; then
# the warm-up's rentals run out during the next RENTAL_HOUR: their revocations must not share the closed levels
drain
phase closed
for users in $CLOSED_USERS; do
  load0="$(loadavg)"
  gatling ApplyClosedSimulation "closed-$users" -Dbench.users="$users" -Dbench.seconds="$PHASE_SECONDS"
  result "closed.users_${users}_key_backlog" "closed, $users users" "key backlog at the end of the level: rentals KEY_PENDING; seconds until none" \
    "$(key_backlog_drain)" "-"
  ok="$(figure "closed-$users" apply 'count of successful')"
  ko="$(figure "closed-$users" apply 'count of failed')"
  rate="$(awk -v ok="$ok" -v s="$PHASE_SECONDS" 'BEGIN { printf "%.1f", ok / s }')"
  result "closed.users_$users" "closed, $users users" "POST /rentals/s (201 only); latency (KO: 503 refusals or errors)" \
    "$rate; $(summary "closed-$users" apply)" "$load0"
  # the most paid applications per second; "sustainable" when every answer was 201 (no refusal either)
  if awk -v a="$rate" -v b="$MAX_RATE" 'BEGIN { exit !(a > b) }'; then MAX_RATE=$rate; MAX_KO=$ko; fi
done
result "closed.max_all_201" closed "every answer 201 at the best level" "$( (( MAX_KO == 0 )) && echo yes || echo "no: $MAX_KO KO")" "-"
RATIO="$(awk -v a="$MAX_RATE" -v b="$NOOP_RATE" 'BEGIN { printf "%.1f %%", (b > 0 ? 100 * a / b : 0) }')"
RATIO_WAIT="$(awk -v a="$MAX_RATE" -v b="$CEILING_RATE" 'BEGIN { printf "%.1f %%", (b > 0 ? 100 * a / b : 0) }')"
result "closed.max_paid" closed "max paid applications/s (201 answers)" "$MAX_RATE" "-"
result "closed.ratio_start_wait" closed "max paid / start -> wait ceiling" "$RATIO_WAIT" "-"
result "closed.ratio_noop" closed "max paid / no-op ceiling" "$RATIO" "-"
fi


# ------------------------------------------------------------------ 3. open model: latency at a fixed rate

if [[ "$OPEN_RATE" == auto ]]; then
  # half the closed maximum: a rate this machine sustains, where a fixed rate would only measure a queue
  OPEN_RATE="$(awk -v m="$MAX_RATE" 'BEGIN { r = int(0.5 * m); print r < 1 ? 1 : r }')"
fi
if wants open; then
drain
phase open
load0="$(loadavg)"; since="$(date +%s)"
gatling ApplyOpenSimulation open -Dbench.rate="$OPEN_RATE" -Dbench.cancelShare="$CANCEL_SHARE" \
  -Dbench.seconds="$PHASE_SECONDS"
until="$(date +%s)"
sleep 5 # let the last keys and cancels complete
result "open.apply_latency" "open, $OPEN_RATE/s" "POST /rentals latency" "$(summary open apply)" "$load0"
result "open.cancel_latency" "open, $OPEN_RATE/s" "POST /rentals/{id}/cancel latency" "$(summary open cancel)" "$load0"
result "open.application_to_active" "open, $OPEN_RATE/s" "application -> ACTIVE (read model)" \
  "$(transition_latency CREATED ACTIVE "$since" "$until")" "$load0"
result "open.cancel_to_cancelled" "open, $OPEN_RATE/s" "cancel -> CANCELLED (read model)" \
  "$(transition_latency CANCELLING CANCELLED "$since" "$until")" "$load0"
fi

# ------------------------------------------------------------------ 4. my page with MYPAGE_ROWS rentals

if wants mypage; then
phase mypage
load0="$(loadavg)"
say "inserting $MYPAGE_ROWS finished rentals: half alice's, half 5 000 other customers'"
sql bench_rental "
  ALTER TABLE rental DISABLE TRIGGER bench_log_transition;
  INSERT INTO rental (id, customer, mobility_id, hours, amount, currency, status, payment_status, rental_key,
                      process_instance_id, created_at, updated_at)
    SELECT md5(g::text)::uuid::text, CASE WHEN g % 2 = 0 THEN 'alice' ELSE 'customer-' || g % 5000 END,
           'bike-01', 1, 5.00, 'EUR', 'COMPLETED', 'PAID', NULL, 'bulk-' || g,
           now() - interval '400 days' + g * interval '1 second', now() - interval '400 days' + g * interval '1 second'
    FROM generate_series(1, $MYPAGE_ROWS) g;
  ALTER TABLE rental ENABLE TRIGGER bench_log_transition;
  ANALYZE rental;"
result "mypage.rentals" mypage "rentals in the read model" "$(sql bench_rental 'SELECT count(*) FROM rental')" "$load0"
load0="$(loadavg)"
gatling MyPageSimulation mypage -Dbench.users=4 -Dbench.seconds="$PHASE_SECONDS"
rate="$(awk -v ok="$(figure mypage mypage 'count of successful')" -v s="$PHASE_SECONDS" 'BEGIN { printf "%.0f", ok / s }')"
result "mypage.latency" mypage "GET /mypages (alice, 50 newest), 4 users: requests/s; latency" "$rate; $(summary mypage mypage)" "$load0"
# the database's share of it: the my page query alone, as the server runs it
result "mypage.query_ms" mypage "the my page query alone (EXPLAIN ANALYZE)" "$(sql bench_rental "EXPLAIN ANALYZE SELECT * FROM rental
  WHERE customer = 'alice' ORDER BY created_at DESC, id DESC LIMIT 50" | sed -n 's/^Execution Time: //p')" "$load0"
fi

# ------------------------------------------------------------------ 5. soak

SOAK_RATE="${SOAK_RATE:-$(awk -v m="$MAX_RATE" 'BEGIN { r = int(m / 2); print r < 1 ? 1 : r }')}"
if wants soak; then
drain
phase soak
load0="$(loadavg)"; since="$(date +%s)"
gatling ApplyOpenSimulation soak -Dbench.rate="$SOAK_RATE" -Dbench.cancelShare="$CANCEL_SHARE" \
  -Dbench.seconds="$SOAK_SECONDS"
until="$(date +%s)"
sleep 5
result "soak.apply_latency" "soak, $SOAK_RATE/s, $SOAK_SECONDS s" "POST /rentals latency" "$(summary soak apply)" "$load0"
result "soak.application_to_active" "soak, $SOAK_RATE/s, $SOAK_SECONDS s" "application -> ACTIVE (read model)" \
  "$(transition_latency CREATED ACTIVE "$since" "$until")" "$load0"
result "soak.cancel_to_cancelled" "soak, $SOAK_RATE/s, $SOAK_SECONDS s" "cancel -> CANCELLED (read model)" \
  "$(transition_latency CANCELLING CANCELLED "$since" "$until")" "$load0"
# minute by minute: whether a tail is spread over the soak or comes at one time (then autovacuum.log and the
# samples' PostgreSQL CPU say what else ran then)
result "soak.application_to_active_by_minute" "soak, $SOAK_RATE/s, $SOAK_SECONDS s" "application -> ACTIVE p99 per minute of the soak, ms" \
  "$(sql bench_rental "
    SELECT string_agg(p99::text, ' / ' ORDER BY minute) FROM (
      SELECT floor(extract(epoch FROM a.at - to_timestamp($since)) / 60) AS minute,
             round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM b.at - a.at) * 1000)) AS p99
      FROM bench_transition a JOIN bench_transition b ON b.rental_id = a.rental_id AND b.status = 'ACTIVE'
      WHERE a.status = 'CREATED' AND a.at BETWEEN to_timestamp($since) AND to_timestamp($until)
      GROUP BY 1) m")" "$load0"
for col in 6:process-app 9:payment-adapter 12:key-adapter; do
  c="${col%%:*}"; name="${col#*:}"
  result "soak.memory_$name" "soak" "$name heap used / RSS, max MiB" "$(awk -F, -v c="$c" 'NR > 1 && $2 == "soak" {
      if ($c > h) h = $c; if ($(c + 1) > r) r = $(c + 1) } END { print h " / " r }' "$SAMPLES")" "$load0"
done
fi

# where each service's CPU goes: a JFR recording of PROFILE_SECONDS at the soak's rate, after the soak and apart from
# it (a profile's overhead during the soak made its tail: the 30 s of recording held 5 % of its applications)
if wants soak; then
phase profile
mkdir -p "$OUT/jfr"
(sleep 5
 for name in process-app payment-adapter key-adapter; do
   jcmd "$(pid_of "$name")" JFR.start name=bench settings=profile duration="${PROFILE_SECONDS}s" \
     filename="$OUT/jfr/$name.jfr" >>"$OUT/logs/jfr.log" 2>&1
 done) &
JFR_STARTER=$!
gatling ApplyOpenSimulation profile -Dbench.rate="$SOAK_RATE" -Dbench.cancelShare="$CANCEL_SHARE" \
  -Dbench.seconds=$((PROFILE_SECONDS + 10))
wait "$JFR_STARTER" || true
# the soak's time-ups, once the last of them has come (RENTAL_HOUR after the soak): when each rental ran out
# (ACTIVE + RENTAL_HOUR, hours = 1) -> COMPLETED in the read model (the timer's job: acquisition and its transaction);
# only the time-ups within the soak, not those during the JFR profile after it (run 20261202T033559Z: p99 266 ms
# within, 3.8 s during the profile)
drain
result "soak.timeup_to_completed" "soak, $SOAK_RATE/s, $SOAK_SECONDS s" "time-up -> COMPLETED lag (read model)" \
  "$(sql bench_rental "
    SELECT count(*) || ' rentals; p50/p95/p99/max '
      || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) || '/'
      || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)) || '/'
      || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)) || '/' || round(max(ms)) || ' ms'
    FROM (SELECT extract(epoch FROM c.at - a.at - '$RENTAL_HOUR'::interval) * 1000 AS ms
          FROM bench_transition a JOIN bench_transition c ON c.rental_id = a.rental_id AND c.status = 'COMPLETED'
          WHERE a.status = 'ACTIVE' AND a.at BETWEEN to_timestamp($since) AND to_timestamp($until)
            AND a.at + '$RENTAL_HOUR'::interval < to_timestamp($until)) d")" "-"
fi

# ------------------------------------------------------------------ 6. payment service down

if wants payment; then
drain
phase payment-killed
load0="$(loadavg)"
kill -KILL "$(pid_of payment-adapter)"
gatling ApplyOpenSimulation payment-killed -Dbench.rate="$OPEN_RATE" -Dbench.expectStatus=201,202,503 -Dbench.seconds=$((PHASE_SECONDS / 2))
result "payment_killed.apply_latency" "payment-adapter killed, $OPEN_RATE/s" "POST /rentals latency (201, 202 or 503 count as OK)" "$(summary payment-killed apply)" "$load0"

phase payment-hung
load0="$(loadavg)"
# a hung service is the hard case: connections are accepted by the kernel, answers never come (read timeout)
start_service payment-adapter "$PAYMENT_PORT" bench_payment
await_ready payment-adapter "$PAYMENT_PORT"
sleep 12 # the breaker goes half-open after 10 s...
# ...and closes on its 3 successful probe calls: the hung phase then starts from a closed breaker
gatling ApplyOpenSimulation payment-recovered -Dbench.rate=1 -Dbench.seconds=6 -Dbench.expectStatus=201,202
kill -STOP "$(pid_of payment-adapter)"
gatling ApplyOpenSimulation payment-hung -Dbench.rate="$OPEN_RATE" -Dbench.expectStatus=201,202,503 -Dbench.seconds=$((PHASE_SECONDS / 2))
kill -CONT "$(pid_of payment-adapter)"
result "payment_hung.apply_latency" "payment-adapter hung (SIGSTOP), $OPEN_RATE/s" "POST /rentals latency (201, 202 or 503 count as OK)" "$(summary payment-hung apply)" "$load0"
result "payment_down.breaker_after" "payment-adapter down" "process-app breaker after the run" \
  "$(curl -s -u admin:admin "http://127.0.0.1:$PROCESS_PORT/actuator/health" | jq -r '.components.circuitBreakers.details.payment.details.state // "unknown"')" "$load0"
fi

# ------------------------------------------------------------------ 7. overload: twice the closed maximum

if wants overload; then
drain
phase overload
OVERLOAD_RATE="$(awk -v m="$MAX_RATE" 'BEGIN { r = int(2 * m + 0.5); print r < 2 ? 2 : r }')"
PROBE_VEHICLE=$((NEXT_VEHICLE + VEHICLES_PER_PHASE - 1000)) # the end of Gatling's block of this phase
load0="$(loadavg)"; since="$(date +%s)"
# Gatling's figures mix the 201 and 503 answers; a probe beside it times single applications by their answer
(end=$((since + OVERLOAD_SECONDS)); i=0
 while (( $(date +%s) < end && i < 1000 )); do
   curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -u bob:bob -H 'Content-Type: application/json' \
     -d "{\"mobilityId\":\"bench-$((PROBE_VEHICLE + i))\",\"hours\":1}" "http://127.0.0.1:$PROCESS_PORT/rentals"
   i=$((i + 1)); sleep 0.25
 done >"$OUT/logs/overload-probe.txt") &
PROBE=$!
gatling ApplyOpenSimulation overload -Dbench.rate="$OVERLOAD_RATE" -Dbench.expectStatus=201,503 \
  -Dbench.seconds="$OVERLOAD_SECONDS"
wait "$PROBE" || true
until="$(date +%s)"
sleep 5
ACCEPTED="$(sql bench_rental "SELECT count(*) FROM bench_transition WHERE status = 'CREATED'
  AND at BETWEEN to_timestamp($since) AND to_timestamp($until)")"
PROBE_OK="$(awk '$1 == 201' "$OUT/logs/overload-probe.txt" | wc -l)"
result "overload.answers" "overload, $OVERLOAD_RATE/s, $OVERLOAD_SECONDS s" "Gatling's applications: accepted (201) / refused (503) / other (KO)" \
  "$((ACCEPTED - PROBE_OK)) / $(( $(figure overload apply 'count of successful') - (ACCEPTED - PROBE_OK) )) / $(figure overload apply 'count of failed')" "$load0"
result "overload.refusal_latency" "overload, $OVERLOAD_RATE/s" "503 answers of the probe: count; p50/p99/max" \
  "$(awk '$1 == 503 { print $2 * 1000 }' "$OUT/logs/overload-probe.txt" | sort -n | awk '{ v[NR] = $1 }
     END { if (NR == 0) { print "none"; exit } printf "%d; %.0f/%.0f/%.0f ms", NR, v[int(NR * 0.5) + (NR * 0.5 > int(NR * 0.5))],
       v[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))], v[NR] }')" "$load0"
result "overload.accepted_to_active" "overload, $OVERLOAD_RATE/s" "accepted application -> ACTIVE (read model)" \
  "$(transition_latency CREATED ACTIVE "$since" "$until")" "$load0"
drain
result "overload.unfinished" "overload, $OVERLOAD_RATE/s" "accepted rentals that did not end COMPLETED or CANCELLED" \
  "$(sql bench_rental "SELECT count(*) FROM rental r JOIN bench_transition t ON t.rental_id = r.id
     AND t.status = 'CREATED' AND t.at BETWEEN to_timestamp($since) AND to_timestamp($until)
     WHERE r.status NOT IN ('COMPLETED', 'CANCELLED')")" "-"
fi

# ------------------------------------------------------------------ 8. the key pipeline at a backlog

if wants backlog; then
phase backlog
# exactly the key worker's request (KeyIssueWorker's variables, the client's priority order) for up to $1 tasks of
# topic $2 (issue-key), with a lock of 1 ms so that the tasks are free again at once: p50/p99/max ms of 200 fetches
fetch_latency() {
  local i
  for i in $(seq 1 200); do
    curl -s -o /dev/null -w '%{time_total}\n' -u keyworker:keyworker -H 'Content-Type: application/json' \
      -d '{"workerId": "bench-probe", "maxTasks": '"$1"', "usePriority": true, "topics": [{"topicName": "'"${2:-issue-key}"'",
           "lockDuration": 1, "variables": ["rentalId", "mobilityId", "rentalDuration"]}]}' \
      "http://127.0.0.1:$PROCESS_PORT/engine-rest/external-task/fetchAndLock"
  done | awk '{ print $1 * 1000 }' | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f/%.1f/%.1f", v[int(NR / 2)], v[int(NR * 0.99)], v[NR] }'
}
open_key_tasks() { sql bench_rental "SELECT count(*) FROM act_ru_ext_task WHERE topic_name_ = 'issue-key'"; }
# vehicles of their own: backlog-1 ... (one per rental of all levels; the read model's rows refer to them)
BACKLOG_ALL="$(tr ' ' '\n' <<<"$BACKLOG_SIZES" | awk '{ n += $1 } END { print n }')"
sql bench_rental "INSERT INTO mobility (id, type, name)
  SELECT 'backlog-' || g, 'BIKE', 'Backlog vehicle ' || g FROM generate_series(1, $BACKLOG_ALL) g; ANALYZE mobility"
BACKLOG_NEXT=1
for size in $BACKLOG_SIZES; do
  load0="$(loadavg)"
  kill -TERM "$(pid_of key-adapter)"; wait "$(pid_of key-adapter)" 2>/dev/null || true
  missing=$((size - $(open_key_tasks)))
  gatling KeyBacklogSimulation "backlog-$size" -Dbench.users=8 -Dbench.count="$missing" -Dbench.backlogFrom="$BACKLOG_NEXT"
  BACKLOG_NEXT=$((BACKLOG_NEXT + missing))
  # what autovacuum does within its next minute after such growth; a backlog grows slower than this in life
  sql bench_rental "ANALYZE act_ru_ext_task; ANALYZE act_ru_execution; ANALYZE act_ru_variable"
  open="$(open_key_tasks)"
  result "backlog.tasks_$size.fetch" "backlog, $open open issue-key tasks" "fetch-and-lock of $KEY_WORKER_MAX_TASKS (the worker's request): p50/p99/max ms" \
    "$(fetch_latency "$KEY_WORKER_MAX_TASKS")" "$load0"
  # the floor: the same request for a topic without tasks (HTTP, authentication, one engine command, no lock)
  result "backlog.tasks_$size.fetch_floor" "backlog, $open open issue-key tasks" \
    "fetch-and-lock of a topic without tasks: p50/p99/max ms" "$(fetch_latency "$KEY_WORKER_MAX_TASKS" no-such-topic)" "$load0"
  # the other fetch sizes, for the trade-off between a fetch's latency and its round trips
  for m in $FETCH_SIZES; do
    (( m == KEY_WORKER_MAX_TASKS )) || result "backlog.tasks_$size.fetch_of_$m" "backlog, $open open issue-key tasks" \
      "fetch-and-lock of $m: p50/p99/max ms" "$(fetch_latency "$m")" "$load0"
  done
  t0="$(date +%s.%N)"
  start_service key-adapter "$KEY_PORT" bench_key ENGINE_REST_URL="http://127.0.0.1:$PROCESS_PORT/engine-rest"
  await_ready key-adapter "$KEY_PORT"
  t1="$(date +%s.%N)"
  while left="$(open_key_tasks)" && (( left > 0 )) && awk -v t="$t1" -v now="$(date +%s.%N)" 'BEGIN { exit !(now - t < 900) }'; do
    sleep 1
  done
  t2="$(date +%s.%N)"
  result "backlog.tasks_$size.drain" "backlog, $open open issue-key tasks" "drain once the key worker is ready: keys/s; seconds (start of the worker until ready)" \
    "$(awk -v n="$open" -v left="$left" -v t0="$t0" -v t1="$t1" -v t2="$t2" \
      'BEGIN { printf "%.0f/s; %.0f s (+%.0f s start)%s", (n - left) / (t2 - t1), t2 - t1, t1 - t0, (left > 0 ? ", " left " left" : "") }')" "$load0"
done
fi

# ------------------------------------------------------------------ 9. two process-app nodes and two key workers

# The way Camunda 7 clusters: a second process-app node on the same database, and a second key-adapter that
# fetches from it; the load of the soak, spread over both nodes. Per-node and per-worker counts from their metrics,
# the CPU each process spent, and the invariants that a cluster must keep (one charge per paid rental, the key the
# customer sees is the one the key service holds).
if wants cluster; then
drain
phase cluster
CLUSTER_RATE="${CLUSTER_RATE:-$(awk -v m="$MAX_RATE" 'BEGIN { r = int(m / 2); print r < 1 ? 1 : r }')}"
NODE2_PORT=$((PORT_BASE + 5))
KEY2_PORT=$((PORT_BASE + 6))
start_service process-app-2 "$NODE2_PORT" bench_rental PAYMENT_URL="http://127.0.0.1:$PAYMENT_PORT" KEY_SERVICE_URL="http://127.0.0.1:$KEY_PORT"
await_ready process-app-2 "$NODE2_PORT"
start_service key-adapter-2 "$KEY2_PORT" bench_key ENGINE_REST_URL="http://127.0.0.1:$NODE2_PORT/engine-rest"
await_ready key-adapter-2 "$KEY2_PORT"
# metric <port> <name> <tags...>: the COUNT of a metric of a service's actuator (the local profile's operator)
metric() {
  local port=$1 name=$2 query="" tag
  shift 2
  for tag in "$@"; do query="$query&tag=$tag"; done
  curl -s -u ops:ops "http://127.0.0.1:$port/actuator/metrics/$name?${query#&}" \
    | jq -r '[.measurements[]? | select(.statistic == "COUNT") | .value][0] // 0 | floor'
}
node_paid() { metric "$1" http.server.requests uri:/rentals method:POST status:201; }
worker_keys() { metric "$1" key.task topic:issue-key; }
CLUSTER_SERVICES=(process-app process-app-2 payment-adapter key-adapter key-adapter-2)
declare -A CPU0 CPU1 COUNT0
for name in "${CLUSTER_SERVICES[@]}"; do CPU0[$name]="$(cpu_seconds "$(pid_of "$name")")"; done
CPU0[postgres]="$(postgres_cpu_seconds)"
COUNT0[node1]="$(node_paid "$PROCESS_PORT")"; COUNT0[node2]="$(node_paid "$NODE2_PORT")"
COUNT0[worker1]="$(worker_keys "$KEY_PORT")"; COUNT0[worker2]="$(worker_keys "$KEY2_PORT")"
load0="$(loadavg)"; since="$(date +%s)"
BENCH_URL="http://127.0.0.1:$PROCESS_PORT,http://127.0.0.1:$NODE2_PORT" gatling ApplyOpenSimulation cluster \
  -Dbench.rate="$CLUSTER_RATE" -Dbench.cancelShare="$CANCEL_SHARE" -Dbench.seconds="$CLUSTER_SECONDS"
until="$(date +%s)"
for name in "${CLUSTER_SERVICES[@]}"; do CPU1[$name]="$(cpu_seconds "$(pid_of "$name")")"; done
CPU1[postgres]="$(postgres_cpu_seconds)"
paid1=$(( $(node_paid "$PROCESS_PORT") - COUNT0[node1] )); paid2=$(( $(node_paid "$NODE2_PORT") - COUNT0[node2] ))
drain
keys1=$(( $(worker_keys "$KEY_PORT") - COUNT0[worker1] )); keys2=$(( $(worker_keys "$KEY2_PORT") - COUNT0[worker2] ))
result "cluster.apply_latency" "cluster, 2 nodes, $CLUSTER_RATE/s, $CLUSTER_SECONDS s" "POST /rentals latency" \
  "$(summary cluster apply)" "$load0"
result "cluster.application_to_active" "cluster, 2 nodes, $CLUSTER_RATE/s" "application -> ACTIVE (read model)" \
  "$(transition_latency CREATED ACTIVE "$since" "$until")" "$load0"
result "cluster.cancel_to_cancelled" "cluster, 2 nodes, $CLUSTER_RATE/s" "cancel -> CANCELLED (read model)" \
  "$(transition_latency CANCELLING CANCELLED "$since" "$until")" "$load0"
result "cluster.per_node" "cluster, 2 nodes, $CLUSTER_RATE/s" "paid applications (201) by node 1 / node 2" \
  "$paid1 / $paid2" "$load0"
result "cluster.per_worker" "cluster, 2 nodes, $CLUSTER_RATE/s" "issue-key tasks done by key worker 1 / 2" \
  "$keys1 / $keys2" "$load0"
paid=$((paid1 + paid2))
result "cluster.cpu_per_application" "cluster, 2 nodes, $CLUSTER_RATE/s" \
  "CPU ms per paid application: process-app 1, 2; payment-adapter; key-adapter 1, 2; PostgreSQL" \
  "$(for name in "${CLUSTER_SERVICES[@]}" postgres; do
       awk -v a="${CPU0[$name]}" -v b="${CPU1[$name]}" -v n="$paid" 'BEGIN { printf "%.1f ", (n > 0 ? (b - a) * 1000 / n : 0) }'
     done | sed 's/ $//; s/ /, /g')" "$load0"
# the cluster's invariants over every rental of the run: one charge per paid rental, no charge without a rental
# that was paid, and the key each active rental shows is the one the key service holds for it
sql bench_rental "SELECT id || ',' || coalesce(rental_key, '') || ',' || status || ',' || payment_status FROM rental" \
  | sort >"$OUT/logs/cluster-rentals.csv"
sql bench_payment "SELECT p.rental_id || ',' || count(e.id) FILTER (WHERE e.type = 'CHARGE')
    FROM payment p LEFT JOIN ledger_entry e ON e.rental_id = p.rental_id GROUP BY p.rental_id" \
  | sort >"$OUT/logs/cluster-charges.csv"
sql bench_key "SELECT rental_id || ',' || key_code || ',' || status FROM rental_key" | sort >"$OUT/logs/cluster-keys.csv"
result "cluster.double_charges" "cluster, all rentals of the run" \
  "rentals charged more than once; paid rentals without exactly one charge" \
  "$(awk -F, '$2 > 1' "$OUT/logs/cluster-charges.csv" | wc -l); $(join -t, -a1 -e 0 -o 1.1,1.4,2.2 \
      "$OUT/logs/cluster-rentals.csv" "$OUT/logs/cluster-charges.csv" \
      | awk -F, '($2 == "PAID" || $2 == "REFUNDED") && $3 != 1' | wc -l)" "-"
result "cluster.duplicate_keys" "cluster, all rentals of the run" \
  "ACTIVE rentals whose key is not the key service's live key for them" \
  "$(join -t, -a1 -e none -o 1.1,1.2,1.3,2.2,2.3 "$OUT/logs/cluster-rentals.csv" "$OUT/logs/cluster-keys.csv" \
      | awk -F, '$3 == "ACTIVE" && ($2 != $4 || $5 != "ISSUED")' | wc -l)" "-"
kill -TERM "$(pid_of key-adapter-2)" "$(pid_of process-app-2)"
wait "$(pid_of key-adapter-2)" "$(pid_of process-app-2)" 2>/dev/null || true
fi

# ------------------------------------------------------------------ plots

phase done
kill "$SAMPLER" 2>/dev/null; SAMPLER=""
wants soak && {
  echo
  echo "## Where the CPU went: $PROFILE_SECONDS s at the soak's rate, JFR execution samples by library (CpuProfileSummary)"
  for name in process-app payment-adapter key-adapter; do
    echo; echo "$name:"; echo '```'
    java -cp "$BENCH_CP" com.sharedmobility.bench.CpuProfileSummary "$OUT/jfr/$name.jfr" 2>&1
    echo '```'
  done
} >>"$RESULTS"
gnuplot -e "samples='$SAMPLES'; out='$OUT'" "$ROOT/bench/plot.gp"
jq -s 'map({(.name): {phase, figure, value}}) | add' "$OUT/summary.jsonl" >"$OUT/summary.json"
say "done: $RESULTS"
cat "$RESULTS"
