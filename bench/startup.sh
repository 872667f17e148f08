#!/usr/bin/env bash
# Measures Maillon's start, launch to the first sign-in page answered (HTTP 200), on a warm data
# directory (made by a first start, whose time is shown too), three restarts for each way to start:
#   the jar as built, on Java 17 and on Java 25 (when JAVA25 names one);
#   the unpacked jar with bin/fast-start.sh's class-data-sharing archive (Java 17) and its
#   ahead-of-time cache (Java 25);
# then a restart after kill -9 (the orphaned postmaster is stopped first).
# Usage: ./mvnw -DskipTests package && bench/startup.sh      (JAVA17=..., JAVA25=... to choose JDKs)
set -euo pipefail
cd "$(dirname "$0")/.."
java17=${JAVA17:-java}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jar=$(ls target/maillon-*.jar | head -n 1)
data=$(mktemp -d)
port=${PORT:-18080}
pid=
trap 'kill $pid 2> /dev/null; wait $pid 2> /dev/null; rm -rf "$data"' EXIT

start() { # label, then the java command's arguments
  local label=$1 began
  shift
  began=$(date +%s%N)
  MAILLON_DATA_DIR="$data" MAILLON_PORT=$port "$@" > "$data/run.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://localhost:$port/login"; do sleep 0.02; done
  echo "$label: $(( ($(date +%s%N) - began) / 1000000 )) ms to the first sign-in page"
}
stop() { kill "$pid"; wait "$pid" || true; }
three() { # label, then the java command's arguments
  for run in 1 2 3; do start "$1 ($run)" "${@:2}"; stop; done
}

start "first start (empty data directory)" "$java17" -jar "$jar"; stop
three "restart, java -jar (Java 17)" "$java17" -jar "$jar"
JAVA="$java17" bin/fast-start.sh > /dev/null
three "restart, class-data-sharing archive (Java 17)" "$java17" -XX:SharedArchiveFile=target/app/maillon.jsa \
  -jar target/app/maillon.jar
if [ -x "$java25" ]; then
  three "restart, java -jar (Java 25)" "$java25" -jar "$jar"
  JAVA="$java25" bin/fast-start.sh > /dev/null
  three "restart, ahead-of-time cache (Java 25)" "$java25" -XX:AOTCache=target/app/maillon.aot \
    -jar target/app/maillon.jar
fi
start "restart" "$java17" -jar "$jar"
kill -9 "$pid"; wait "$pid" 2> /dev/null || true
start "restart after kill -9" "$java17" -jar "$jar"; stop
