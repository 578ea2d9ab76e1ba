#!/usr/bin/env bash
# process-app's start-up as a newcomer meets it: `java $JAVA_OPTS -jar process-app.jar --spring.profiles.active=local`
# (embedded H2, the webapps, engine REST), RUNS times: seconds from the JVM's start until readiness answers 200, and
# the JVM's RSS at that moment. With CDS=1 it first trains a class data sharing archive from one start of the
# extracted jar (Spring Boot's -Dspring.context.exit=onRefresh) and measures the starts with that archive.
#
#   bench/startup.sh             RUNS=5 CDS=1 JAVA_OPTS="-Xmx384m" bench/startup.sh
#
# Needs the jar in process-app/target (./mvnw -DskipTests package); port 38180. Run it with nothing else running.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"; V=0.1.0-SNAPSHOT; RUNS="${RUNS:-3}"; CDS="${CDS:-0}"; PORT=38180
JAVA_OPTS="${JAVA_OPTS:--Xmx384m}" # run-local.sh's default
JAR="$ROOT/process-app/target/process-app-$V.jar"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
ARCHIVE=()
if (( CDS )); then
  java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
  JAR="$WORK/app/process-app-$V.jar"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dspring.context.exit=onRefresh -jar "$JAR" \
    --spring.profiles.active=local --server.port=$PORT >"$WORK/training.log" 2>&1 || true
  ARCHIVE=(-XX:SharedArchiveFile="$WORK/app.jsa")
fi
for run in $(seq 1 "$RUNS"); do
  t0="$(date +%s.%N)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS "${ARCHIVE[@]}" -jar "$JAR" --spring.profiles.active=local --server.port=$PORT >"$WORK/run.log" 2>&1 &
  pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness")" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$WORK/run.log"; exit 1; }
    sleep 0.1
  done
  t1="$(date +%s.%N)"
  rss="$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v run="$run" -v t0="$t0" -v t1="$t1" -v rss="$rss" -v cds="$CDS" -v opts="$JAVA_OPTS" \
    'BEGIN { printf "run %d: ready after %.1f s, RSS %d MiB (cds=%s, %s)\n", run, t1 - t0, rss, cds, opts }'
done
