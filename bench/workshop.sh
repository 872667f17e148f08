#!/usr/bin/env bash
# A live workshop under a hall's load, on loopback: starts Maillon on a fresh data directory (demo
# data, the per-address throttle lifted: on one machine every participant has the same address),
# then bench/WorkshopLoad.java opens a workshop, lets 200 participants join, and has them all post
# a card at the same instant, 5 times, while a projector polls the changes every second.
# Usage: ./mvnw -DskipTests package && bench/workshop.sh [participants] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
participants=${1:-200}
rounds=${2:-5}
jar=$(ls target/maillon-*.jar | head -n 1)
data=$(mktemp -d)
port=${PORT:-18080}
url="http://localhost:$port"
env MAILLON_DATA_DIR="$data" MAILLON_PORT=$port MAILLON_WORKSHOP_JOINS_PER_MINUTE_PER_CLIENT=1000000 \
  MAILLON_WORKSHOP_POSTS_PER_MINUTE_PER_CLIENT=1000000 ${BENCH_ENV:-} java -jar "$jar" > "$data/run.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs "$url/actuator/health" > /dev/null; do sleep 0.2; done
java ${DRIVER_OPTS:-} bench/WorkshopLoad.java "$url" coope maillon-demo "$participants" "$rounds"
echo "server: $(ps -o rss= -p $pid | awk '{printf "%d MB RSS", $1/1024}') after the run"
