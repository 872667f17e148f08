#!/usr/bin/env bash
# Measures Maillon's start-up: first start on an empty data directory (binaries unpacked, initdb,
# migrations, demo data), a restart, a restart with the class-data-sharing archive of
# bin/cds-archive.sh (built first), and a restart after kill -9; then the idle memory.
# Usage: ./mvnw -DskipTests package && bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/maillon-*.jar | head -n 1)
data=$(mktemp -d)
port=${PORT:-18080}

start() {
  local began=$(date +%s.%N)
  MAILLON_DATA_DIR="$data" MAILLON_PORT=$port java ${JAVA_OPTS:-} -jar "$jar" > "$data/run.log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$port/actuator/health" > /dev/null; do sleep 0.1; done
  echo "$1: $(echo "$(date +%s.%N) - $began" | bc | cut -c1-5) s to the first HTTP 200"
}

start "first start (empty data directory)"
kill "$pid"; wait "$pid" || true
for run in 1 2 3; do
  start "restart ($run)"
  kill "$pid"; wait "$pid" || true
done
bin/cds-archive.sh > /dev/null
for run in 1 2 3; do
  JAVA_OPTS="-XX:SharedArchiveFile=target/app/maillon.jsa" jar=target/app/maillon.jar start "restart with the CDS archive ($run)"
  kill "$pid"; wait "$pid" || true
done
start "restart"
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
start "restart after kill -9"
for idle in 15 45; do
  sleep $((idle == 15 ? 15 : 30))   # idle: the start's compilations and collections settle
  rss=$(ps -o rss= -p "$pid")
  heap=$(jcmd "$pid" GC.heap_info 2> /dev/null | grep -o 'total [0-9]*K, used [0-9]*K' | head -n 1)
  echo "idle JVM RSS, $idle s after the first 200: $((rss / 1024)) MB (heap: ${heap:-?})"
done
echo "postgres processes: $(ps -eo args | grep -c "[p]ostgres" || true)"
kill "$pid"; wait "$pid" || true
rm -rf "$data"
