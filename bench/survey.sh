#!/usr/bin/env bash
# Public survey answers on loopback, driven by wrk (Debian package `wrk`): starts Maillon on a
# fresh data directory (demo data, the per-client answer limit lifted); bench/SurveyLoad.java creates
# a 20-question survey through the API; then, each after a warm-up, with 32 connections:
#   1. a static file (the baseline: the same server doing the least it can),
#   2. answer posts, each with its own submission key,
#   3. whole respondent sessions (get the page, read its submission key, post the answers);
# and last, the answers stored, counted through the API, against those acknowledged.
# Usage: ./mvnw -DskipTests package && bench/survey.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-32}
jar=$(ls target/maillon-*.jar | head -n 1)
data=$(mktemp -d)
port=${PORT:-18080}
url="http://localhost:$port"
env MAILLON_DATA_DIR="$data" MAILLON_PORT=$port MAILLON_SURVEY_ANSWERS_PER_HOUR_PER_CLIENT=1000000000 ${BENCH_ENV:-} \
  java -jar "$jar" > "$data/run.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs "$url/actuator/health" > /dev/null; do sleep 0.2; done
eval "$(java bench/SurveyLoad.java "$url" coope maillon-demo setup | grep -E '^(TOKEN|FORM|SURVEY|BEARER)=')"
export TOKEN FORM
echo "survey page: $(curl -s "$url/s/$TOKEN" | wc -c) bytes"

acknowledged=0
load() { # label, then wrk arguments; adds the answers acknowledged, warm-up included
  local label=$1; shift
  local warm out
  warm=$(wrk -t1 -c"$connections" -d5s "$@")
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency "$@")
  echo "== $label ($connections connections, $seconds s after a 5 s warm-up)"
  echo "$out" | grep -E "Requests/sec|^ +(50|99)%|Non-2xx|Socket errors|acknowledged"
  for run in "$warm" "$out"; do
    acknowledged=$((acknowledged + $(echo "$run" | sed -n 's/.*acknowledged=\([0-9]*\).*/\1/p' | head -1)0 / 10))
  done
}
load "static file (baseline)" "$url/css/survey.css"
load "answer posts" -s bench/answers.lua "$url"
load "respondent sessions: page, then post" -s bench/sessions.lua "$url"
echo "answers acknowledged: $acknowledged; stored: $(java bench/SurveyLoad.java "$url" count "$SURVEY" "$BEARER")"
echo "server: $(ps -o rss= -p $pid | awk '{printf "%d MB RSS", $1/1024}') after the run"
