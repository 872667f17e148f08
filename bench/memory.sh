#!/usr/bin/env bash
# Memory and start of Maillon with the jar's own defaults (no JVM flag), one or more jars in one run
# so that their ratios are measured side by side: for each jar, on a fresh data directory with the
# demo data, the start on a warm data directory (the second start: launch to the first sign-in page
# answered), the memory once idle (PSS, JVM and embedded PostgreSQL apart and together), then
# respondent sessions (bench/sessions.lua, page then post) for a warm-up and a measured run with
# 32 connections, sampling the memory every second.
# Usage: ./mvnw -DskipTests package && bench/memory.sh [jar ...]   (JAVA=... to choose the JVM;
#        SECONDS_LOAD, CONNECTIONS, IDLE to change the run; wrk from Debian's packages;
#        SMALL_HOST=1 runs Maillon in a memory cgroup (v1) of 1 GB, as on a 1 GB server, where the
#        JVM's own defaults are those of a small host)
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA:-java}
seconds=${SECONDS_LOAD:-30}
connections=${CONNECTIONS:-32}
idle=${IDLE:-60}
port=${PORT:-18080}
url="http://localhost:$port"
jars=("$@")
cgroup=
if [ -n "${SMALL_HOST:-}" ]; then
  cgroup=/sys/fs/cgroup/memory/maillon-bench-$$
  mkdir "$cgroup"
  echo $((1024 * 1024 * 1024)) > "$cgroup/memory.limit_in_bytes"
fi
[ ${#jars[@]} -gt 0 ] || jars=($(ls target/maillon-*.jar | head -n 1))

pss() { # the PSS in MB of the given processes, summed
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo $((total / 1024))
}
postgres_pids() { # the embedded postmaster of this data directory and its children
  local postmaster
  postmaster=$(head -n 1 "$data/postgres/postmaster.pid" 2> /dev/null) || true
  [ -n "$postmaster" ] || return 0
  echo "$postmaster" $(ps -o pid= --ppid "$postmaster")
}
memory() { # "JVM MB, PostgreSQL MB, total MB"
  local jvm pg
  jvm=$(pss "$pid"); pg=$(pss $(postgres_pids))
  echo "$jvm $pg $((jvm + pg))"
}
start() {
  local began
  began=$(date +%s%N)
  # in the cgroup, if any: the shell enters it, then becomes the JVM (PostgreSQL, its child, follows)
  MAILLON_DATA_DIR="$data" MAILLON_PORT=$port MAILLON_SURVEY_ANSWERS_PER_HOUR_PER_CLIENT=1000000000 \
    sh -c '[ -z "$1" ] || echo $$ > "$1/cgroup.procs"; shift; exec "$@"' sh "$cgroup" \
    "$java" -jar "$jar" >> "$data/run.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "$url/login"; do sleep 0.05; done
  elapsed=$(( ($(date +%s%N) - began) / 1000000 ))
}
stop() { kill "$pid"; wait "$pid" 2> /dev/null || true; }

for jar in "${jars[@]}"; do
  data=$(mktemp -d)
  pid=
  trap 'kill $pid 2> /dev/null; wait $pid 2> /dev/null; rm -rf "$data"; [ -z "$cgroup" ] || rmdir "$cgroup"' EXIT
  start; first=$elapsed; stop
  start; warm=$elapsed
  sleep "$idle"
  read -r jvm pg total <<< "$(memory)"
  echo "== $jar ($("$java" -version 2>&1 | head -n 1))${cgroup:+, in a 1 GB memory cgroup}"
  echo "start: first ${first} ms (empty data directory), then ${warm} ms to the first sign-in page"
  echo "idle ${idle} s after the start: JVM ${jvm} MB + PostgreSQL ${pg} MB ($(postgres_pids | wc -w) processes) = ${total} MB PSS"
  eval "$("$java" bench/SurveyLoad.java "$url" coope maillon-demo setup | grep -E '^(TOKEN|FORM)=')"
  export TOKEN FORM
  wrk -t1 -c"$connections" -d5s -s bench/sessions.lua "$url" > /dev/null
  samples=$(mktemp)
  (while kill -0 "$pid" 2> /dev/null; do memory >> "$samples"; sleep 1; done) &
  sampler=$!
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/sessions.lua "$url")
  kill "$sampler"; wait "$sampler" 2> /dev/null || true
  sessions=$(echo "$out" | sed -n 's/.*acknowledged=\([0-9]*\).*/\1/p')
  echo "respondent sessions, $connections connections, $seconds s: $((sessions / seconds)) per second," \
    "p99 $(echo "$out" | awk '$1 == "99%" {print $2}') per request, $(echo "$out" | grep -c 'Non-2xx' || true) runs with errors"
  awk '{ if ($1 > j) j = $1; if ($2 > p) p = $2; if ($3 > t) t = $3; sj += $1; sp += $2; st += $3; n++ }
       END { printf "during the load (%d samples): JVM max %d MB, PostgreSQL max %d MB, together max %d MB, mean %d MB PSS\n", n, j, p, t, st / n }' "$samples"
  rm -f "$samples"
  stop
  rm -rf "$data"
done
