#!/usr/bin/env bash
# Builds the three services and runs them on this machine with the `local` profile: embedded databases,
# seeded users, nothing to install but a JDK. Ctrl-C stops all three.
#
#   ./run-local.sh             build (./mvnw -q -DskipTests package), then start
#   ./run-local.sh --no-build  start the jars already in */target
#
# Environment (all optional):
#   PROCESS_PORT (8080)  PAYMENT_PORT (8081)  KEY_PORT (8082)
#   READY_TIMEOUT        seconds to wait for each service's readiness probe (180)
#   JAVA_OPTS            JVM options for each service (-Xmx384m)
#   JAVA_HOME            the JDK to use (else `java` on the PATH)
#   RENTAL_HOUR etc.     any other variable is passed on to the services, e.g. RENTAL_HOUR=PT1M
set -euo pipefail

cd "$(dirname "$0")"
ROOT="$(pwd)"

VERSION="0.1.0-SNAPSHOT"
PROCESS_PORT="${PROCESS_PORT:-8080}"
PAYMENT_PORT="${PAYMENT_PORT:-8081}"
KEY_PORT="${KEY_PORT:-8082}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
JAVA_OPTS="${JAVA_OPTS:--Xmx384m}"
LOG_DIR="$ROOT/target/local-logs"
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

command -v "$JAVA" >/dev/null 2>&1 || { echo "no java found: install a JDK 17+ or set JAVA_HOME" >&2; exit 1; }

# ------------------------------------------------------------------ helpers

# service names and their pids, in start order (indexed arrays: works with the bash 3.2 of macOS too)
STARTED=()
PIDS=()
STARTED_AT=()

index_of() {
  local i
  for (( i=0; i<${#STARTED[@]}; i++ )); do
    if [[ "${STARTED[$i]}" == "$1" ]]; then echo "$i"; return 0; fi
  done
  return 1
}

log_file() { echo "$LOG_DIR/$1.log"; }

jar_of() { echo "$ROOT/$1/target/$1-$VERSION.jar"; }

# The HTTP status of GET http://127.0.0.1:<port><path>, "000" when nothing answers.
http_status() {
  local port=$1 path=$2
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$port$path" 2>/dev/null || true
    return
  fi
  # no curl: plain bash
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 0
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
    IFS=' ' read -r -t 3 _ code _ <&3 || true
    printf '%s' "${code:-000}"
  ) 2>/dev/null || true
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

print_tail() {
  local name=$1
  echo "----- last 60 lines of $(log_file "$name") -----" >&2
  tail -n 60 "$(log_file "$name")" >&2 || true
  echo "----- end of $name log -----" >&2
}

# start <name> <port> [VAR=value ...]
start() {
  local name=$1 port=$2
  shift 2
  local jar
  jar="$(jar_of "$name")"
  [[ -f "$jar" ]] || { echo "missing $jar: run without --no-build" >&2; exit 1; }
  echo "starting $name on port $port (log: $(log_file "$name"))"
  # JAVA_OPTS is a list of options: word splitting is intended
  # shellcheck disable=SC2086
  env "$@" SERVER_PORT="$port" "$JAVA" $JAVA_OPTS -jar "$jar" --spring.profiles.active=local \
    >"$(log_file "$name")" 2>&1 &
  STARTED+=("$name")
  PIDS+=("$!")
  STARTED_AT+=("$SECONDS")
}

# await_ready <name> <port>: readiness 200 within READY_TIMEOUT, else the log tail and exit 1
await_ready() {
  local name=$1 port=$2 waited=0 status idx
  idx="$(index_of "$name")"
  while (( waited < READY_TIMEOUT )); do
    if ! kill -0 "${PIDS[$idx]}" 2>/dev/null; then
      echo "$name exited during start-up" >&2
      print_tail "$name"
      exit 1
    fi
    status="$(http_status "$port" /actuator/health/readiness)"
    if [[ "$status" == "200" ]]; then
      echo "$name is ready on http://localhost:$port ($((SECONDS - STARTED_AT[idx]))s after its start)"
      return 0
    fi
    sleep 2
    waited=$((waited + 2))
  done
  echo "$name not ready within ${READY_TIMEOUT}s (last readiness answer: ${status:-none})" >&2
  print_tail "$name"
  exit 1
}

STOPPING=0
stop_all() {
  (( STOPPING )) && return
  STOPPING=1
  trap - INT TERM
  local i name pid waited
  (( ${#STARTED[@]} )) || return 0
  echo
  echo "stopping the services..."
  # reverse start order: key-adapter stops polling before process-app goes away
  for (( i=${#STARTED[@]}-1; i>=0; i-- )); do
    kill -TERM "${PIDS[$i]}" 2>/dev/null || true
  done
  for (( i=${#STARTED[@]}-1; i>=0; i-- )); do
    name="${STARTED[$i]}"; pid="${PIDS[$i]}"; waited=0
    while kill -0 "$pid" 2>/dev/null && (( waited < 30 )); do sleep 1; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name did not stop within 30s: killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    echo "$name stopped"
  done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------ build

if (( BUILD )); then
  echo "building: ./mvnw -q -DskipTests package"
  ./mvnw -q -DskipTests package
fi

for port in "$PROCESS_PORT" "$PAYMENT_PORT" "$KEY_PORT"; do
  if port_in_use "$port"; then
    echo "port $port is already in use: stop what runs there or set PROCESS_PORT / PAYMENT_PORT / KEY_PORT" >&2
    exit 1
  fi
done

mkdir -p "$LOG_DIR"

# ------------------------------------------------------------------ start

start payment-adapter "$PAYMENT_PORT"
start process-app "$PROCESS_PORT" PAYMENT_URL="http://localhost:$PAYMENT_PORT" KEY_SERVICE_URL="http://localhost:$KEY_PORT"
await_ready payment-adapter "$PAYMENT_PORT"
await_ready process-app "$PROCESS_PORT"
# the key worker polls process-app's engine REST API: start it once that is up
start key-adapter "$KEY_PORT" ENGINE_REST_URL="http://localhost:$PROCESS_PORT/engine-rest"
await_ready key-adapter "$KEY_PORT"

cat <<EOF

Shared Mobility is running (local profile):

  Customer app     http://localhost:$PROCESS_PORT/            open it in a browser, sign in as alice / alice
  Customer API     http://localhost:$PROCESS_PORT            e.g. curl -u alice:alice http://localhost:$PROCESS_PORT/mobilities
  Swagger UI       http://localhost:$PROCESS_PORT/swagger-ui.html
  Cockpit          http://localhost:$PROCESS_PORT/camunda/app/cockpit/
  Tasklist         http://localhost:$PROCESS_PORT/camunda/app/tasklist/
  Payment service  http://localhost:$PAYMENT_PORT
  Key service      http://localhost:$KEY_PORT

  Local users (user / password):
    alice / alice      customer
    bob / bob          customer
    ops / ops          operator: Cockpit and Tasklist
    admin / admin      Camunda administrator
    vehicle / vehicle  a vehicle's on-board unit: POST /keys/verify

  Logs: $LOG_DIR/*.log

Press Ctrl-C to stop all three.
EOF

# ------------------------------------------------------------------ foreground until Ctrl-C

while true; do
  for (( i=0; i<${#STARTED[@]}; i++ )); do
    name="${STARTED[$i]}"
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      echo "$name stopped unexpectedly" >&2
      print_tail "$name"
      exit 1
    fi
  done
  sleep 2
done
