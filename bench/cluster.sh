#!/usr/bin/env bash
# Three Maillon instances behind nginx, one killed in the middle of a survey load: are answers lost,
# are people signed out, do the network views keep answering from a read replica?
#
# On one machine (Debian packages postgresql-15, nginx and wrk; run as root, PostgreSQL itself runs
# as the `postgres` system user; nothing of the Debian services is used):
#   1. a PostgreSQL primary and a streaming replica (hot standby) made by pg_basebackup;
#   2. instance A on the primary (demo data), instance B on the primary, and instance C, the
#      network views, on the replica (MAILLON_NETWORK_REFRESH=false; its sessions are read and
#      written on the primary through MAILLON_SESSION_DB_URL);
#   3. nginx on one port: round robin over A and B (no sticky sessions), GET /networks/** to C;
#   4. a 20-question survey (bench/SurveyLoad.java, through nginx), a few people signed in with curl,
#      then wrk with bench/sessions.lua (page, then post): a warm-up of WARM (10) seconds, then
#      SECONDS (30) with CONNECTIONS (32), instance A killed with SIGKILL at KILL_AT (10) seconds;
#      meanwhile each signed-in person asks for a page 0.5 s after the previous one answered.
# Last, a summary: answers acknowledged against stored, people signed out, latency and errors of
# the run and around the kill (from nginx's log), retries nginx made, the network views on C, and
# what C refuses when asked directly.
# Everything started here is stopped, and the temporary directory removed, on exit.
#
# Usage: ./mvnw -DskipTests package && bench/cluster.sh [jar] [seconds] [kill-at] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/maillon-*.jar | head -n 1)}
jar=$(realpath "$jar")
seconds=${2:-30}
kill_at=${3:-10}
connections=${4:-32}
pg_bin=/usr/lib/postgresql/15/bin
primary_port=${PRIMARY_PORT:-55432}
replica_port=${REPLICA_PORT:-55433}
port_a=${PORT_A:-28081}
port_b=${PORT_B:-28082}
port_c=${PORT_C:-28083}
proxy_port=${PROXY_PORT:-28090}
for port in "$primary_port" "$replica_port" "$port_a" "$port_b" "$port_c" "$proxy_port"; do
  if ss -Htln "sport = :$port" | grep -q .; then echo "port $port is taken: choose others (PORT_A=...)"; exit 1; fi
done
url="http://127.0.0.1:$proxy_port"
db_password=maillon-bench
tmp=$(mktemp -d /tmp/maillon-cluster.XXXXXX)
chmod 755 "$tmp"   # the postgres user must reach its directories below

as_postgres() { runuser -u postgres -- "$@"; }
psql_primary() { as_postgres "$pg_bin/psql" -h "$tmp/pg" -p "$primary_port" -U postgres -qAtX -v ON_ERROR_STOP=1 "$@"; }

# --- clean-up: whatever was started, in reverse order --------------------------------------------
pids=()
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  for cluster in replica primary; do
    [ -f "$tmp/pg/$cluster/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$tmp/pg/$cluster" -m fast -w stop > /dev/null
  done
  if [ -n "${KEEP:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. PostgreSQL: a primary, and a hot standby streaming from it -------------------------------
mkdir -p "$tmp/pg"
chown postgres: "$tmp/pg"
echo "$db_password" > "$tmp/pg/password"
chown postgres: "$tmp/pg/password"
# local socket (in $tmp/pg) trusted for this script; TCP (the instances, the replica) with SCRAM
as_postgres "$pg_bin/initdb" -D "$tmp/pg/primary" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 > "$tmp/pg/initdb.log"
cat >> "$tmp/pg/primary/postgresql.conf" <<EOF
port = $primary_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$tmp/pg'
password_encryption = scram-sha-256
wal_level = replica
max_wal_senders = 4
max_connections = 100
EOF
as_postgres "$pg_bin/pg_ctl" -D "$tmp/pg/primary" -l "$tmp/pg/primary.log" -w start > /dev/null
psql_primary -d postgres <<EOF
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '$db_password';
CREATE ROLE maillon WITH LOGIN PASSWORD '$db_password';
CREATE DATABASE maillon OWNER maillon;
EOF
# a base backup with -R: standby.signal and primary_conninfo, then its own port
as_postgres env PGPASSWORD="$db_password" "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U replicator \
  -D "$tmp/pg/replica" -R -X stream -c fast
echo "port = $replica_port" >> "$tmp/pg/replica/postgresql.conf"
as_postgres "$pg_bin/pg_ctl" -D "$tmp/pg/replica" -l "$tmp/pg/replica.log" -w start > /dev/null
echo "PostgreSQL: primary on $primary_port, replica on $replica_port (in recovery: $(as_postgres "$pg_bin/psql" \
  -h "$tmp/pg" -p "$replica_port" -U postgres -qAtX -d postgres -c 'SELECT pg_is_in_recovery()'))"

# --- 2. the instances -----------------------------------------------------------------------------
primary_url="jdbc:postgresql://127.0.0.1:$primary_port/maillon"
replica_url="jdbc:postgresql://127.0.0.1:$replica_port/maillon"
start() { # name, port, then environment assignments; the JVM's pid in pid_<name>
  local name=$1 port=$2; shift 2
  mkdir -p "$tmp/$name"
  env MAILLON_PORT="$port" MAILLON_DATA_DIR="$tmp/$name/data" MAILLON_DB_USER=maillon MAILLON_DB_PASSWORD="$db_password" \
    MAILLON_TRUSTED_PROXIES=127.0.0.1,::1 MAILLON_PUBLIC_URL="$url" \
    MAILLON_SURVEY_ANSWERS_PER_HOUR_PER_CLIENT=1000000000 "$@" \
    java ${JAVA_OPTS:-} -jar "$jar" > "$tmp/$name/run.log" 2>&1 &
  pids+=($!)
  printf -v "pid_$name" %s $!
  local began=$SECONDS
  until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
    if ! kill -0 $! 2>/dev/null || [ $((SECONDS - began)) -gt 300 ]; then
      echo "instance $name did not start; the end of its log:"
      grep -E 'ERROR|Caused by|Exception' "$tmp/$name/run.log" | tail -n 15
      exit 1
    fi
    sleep 0.5
  done
  echo "instance $name up on $port after $((SECONDS - began)) s"
}
start a "$port_a" MAILLON_DB_URL="$primary_url" MAILLON_DEMO=true
start b "$port_b" MAILLON_DB_URL="$primary_url" MAILLON_DEMO=false
# the network views read the replica; their sessions are rows on the primary (the replica is read-only)
start c "$port_c" MAILLON_DB_URL="$replica_url" MAILLON_SESSION_DB_URL="$primary_url" MAILLON_DEMO=false \
  MAILLON_NETWORK_REFRESH=false

# --- 3. nginx ---------------------------------------------------------------------------------------
mkdir -p "$tmp/nginx/logs"
cat > "$tmp/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  # one line a request: when it ended, method, path, status, time, and the instances it went to
  # (a comma in \$upstream_addr: nginx gave the request to the next instance)
  log_format timed '\$msec \$request_method \$uri \$status \$request_time "\$upstream_addr" "\$upstream_status"';
  access_log $tmp/nginx/logs/access.log timed;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;

  # A and B answer everything, in turn: sessions are rows in the database, no stickiness needed.
  # An instance that fails once is left aside for 10 s, then tried again.
  upstream instances {
    server 127.0.0.1:$port_a max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$port_b max_fails=1 fail_timeout=10s;
    keepalive 16;
  }
  # C reads the network views from the replica
  upstream networks {
    server 127.0.0.1:$port_c;
    keepalive 4;
  }
  # only reads go to C: a form posted under /networks/ writes, so it goes to A or B
  map \$request_method \$networks_upstream {
    GET networks;
    HEAD networks;
    default instances;
  }

  server {
    listen 127.0.0.1:$proxy_port;
    client_max_body_size 70m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_connect_timeout 2s;
    # When an instance refuses the connection, drops it, or answers 502/503 (e.g. while it stops),
    # the request goes to the other one. A request that was already sent is given again only if it
    # is idempotent (GET, HEAD...): a POST that the dead instance may have carried out is not
    # repeated, because forms and API calls that create things would create them twice.
    proxy_next_upstream error timeout http_502 http_503;
    proxy_next_upstream_tries 2;

    location / {
      proxy_pass http://instances;
    }
    # Public survey answers are the exception: each carries the submission key made when its page
    # was served, and Maillon stores one response per wave and key (INSERT ... ON CONFLICT DO
    # NOTHING) and answers the resend like the first post. Giving an answer again to the other
    # instance therefore cannot store it twice; it saves an answer the killed instance had not
    # stored, and tells the respondent her answer is kept when the killed one had stored it.
    location /s/ {
      proxy_pass http://instances;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
    }
    location /networks/ {
      proxy_pass http://\$networks_upstream;
    }
  }
}
EOF
nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" &
pids+=($!)
until curl -fs -o /dev/null "$url/actuator/health"; do sleep 0.2; done
echo "nginx on $proxy_port: A and B in turn, GET /networks/** to C"

# --- 4. the load --------------------------------------------------------------------------------
eval "$(java bench/SurveyLoad.java "$url" coope maillon-demo setup | grep -E '^(TOKEN|FORM|SURVEY|BEARER)=')"
export TOKEN FORM
network=$(psql_primary -d maillon -c \
  "SELECT id FROM organisation WHERE name = 'Fédération des centres sociaux de la Drôme'")
caf=$(psql_primary -d maillon -c "SELECT id FROM organisation WHERE name = 'CAF de la Drôme'")

sign_in() { # username [address]: a cookie jar signed in through nginx (the CSRF token from the form and its cookie)
  local jar="$tmp/$1.cookies" base=${2:-$url} csrf status
  csrf=$(curl -fs -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" --data-urlencode "username=$1" \
    --data-urlencode "password=maillon-demo" --data-urlencode "_csrf=$csrf" "$base/login")
  case $status in
    302*/login*|303*/login*|[!3]*) echo "sign-in of $1 at $base refused: $status"; return 1 ;;
  esac
}
# the people, and the page each one asks for: username path
probes=("coope /account" "federation26 /account" "federation26 /networks/$network" "caf26 /networks/$caf")
for user in coope federation26 caf26; do sign_in "$user" || exit 1; done
probe() { # username path: the status, 200 unless the session is lost (302 to /login) or the page fails
  curl -s -o /dev/null -m 10 -w '%{http_code}' -b "$tmp/$1.cookies" "$url$2" || true
}
for entry in "${probes[@]}"; do
  status=$(probe $entry)
  [ "$status" = 200 ] || { echo "before the load, $entry answered $status"; exit 1; }
done
echo "signed in through nginx: coope, federation26, caf26 (network $network and CAF $caf served by C)"

# a warm-up through nginx (A and B answered nothing yet: their first seconds are spent compiling)
warm=${WARM:-10}
wrk -t1 -c"$connections" -d"${warm}s" --timeout 10s -s bench/sessions.lua "$url" > "$tmp/warm.log" 2>&1
echo "warm-up: $warm s, $(grep -E 'Requests/sec' "$tmp/warm.log" | tr -s ' '), $(grep -E 'Socket errors|Non-2xx' "$tmp/warm.log" \
  | tr -s ' ' | tr '\n' ' ')$(grep acknowledged "$tmp/warm.log")"

# during the run, each signed-in person asks for her page 0.5 s after the previous one answered
# (one loop each, side by side): time, person, path, status
probe_pids=()
for entry in "${probes[@]}"; do
  ( while :; do echo "$(date +%s.%N) $entry $(probe $entry)"; sleep 0.5; done ) >> "$tmp/probes.log" &
  probe_pids+=($!)
  pids+=($!)
done

echo "== wrk: $connections connections, $seconds s of respondent sessions (page, then post); instance A killed at $kill_at s"
began=$(date +%s.%N)
# a 10 s timeout: wrk's 2 s would count slow answers of this busy machine as socket errors
wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s bench/sessions.lua "$url" > "$tmp/wrk.log" 2>&1 &
wrk_pid=$!
pids+=($wrk_pid)
sleep "$kill_at"
killed=$(date +%s.%N)
kill -9 "$pid_a"
{ wait "$pid_a"; } 2> /dev/null || true
echo "instance A killed (SIGKILL) at $(awk -v a="$began" -v b="$killed" 'BEGIN { printf "%.1f", b - a }') s"
wait "$wrk_pid" || true
sleep 1
kill "${probe_pids[@]}"; wait "${probe_pids[@]}" 2>/dev/null || true
ended=$(date +%s.%N)

# --- 5. what happened ---------------------------------------------------------------------------
grep -E "Requests/sec|^ +(50|99)%|Non-2xx|Socket errors|acknowledged" "$tmp/wrk.log"
# the answers acknowledged, warm-up included: the survey holds both
acknowledged=$(cat "$tmp/warm.log" "$tmp/wrk.log" | sed -n 's/.*acknowledged=\([0-9]*\).*/\1/p' | awk '{ n += $1 } END { print n }')
stored=$(java bench/SurveyLoad.java "$url" count "$SURVEY" "$BEARER")
# every post that nginx answered 302/303 (wrk stops with posts in flight, answered after it counted)
proxied=$(awk -v p="/s/$TOKEN" '$2 == "POST" && $3 == p && ($4 == 302 || $4 == 303)' "$tmp/nginx/logs/access.log" | wc -l)
wrk_errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' \
  "$tmp/wrk.log")
# from nginx's log, the load's requests (the survey's page and posts) of the whole run, and of the
# 5 seconds after the kill: count, p50, p99 (ms), errors (5xx, or 499/000: no answer)
window() { # from to (epoch seconds)
  awk -v from="$1" -v to="$2" -v path="/s/$TOKEN" '$1 >= from && $1 < to && $3 == path {
      print $5 * 1000, ($4 >= 500 || $4 == 499 || $4 == 0) }' "$tmp/nginx/logs/access.log" | sort -n |
    awk '{ t[NR] = $1; e += $2 } END {
      if (NR == 0) { print "no requests"; exit }
      printf "%d requests, p50 %.0f ms, p99 %.0f ms, %d errors", NR, t[int(NR * 0.5) + 1], t[int(NR * 0.99) + 1], e }'
}
# an answer that had begun when its instance died cannot be given again: nginx cuts it off (wrk: a read error)
cut_off=$(grep -c 'while reading upstream' "$tmp/nginx/logs/error.log" || true)
retried=$(awk '$6 ~ /,/ { print $2 }' "$tmp/nginx/logs/access.log" | sort | uniq -c | awk '{ printf "%s%s %s", s, $1, $2; s = ", " }')
lost_people=$(awk '$4 != 200 { print $2 " " $3 " " $4 }' "$tmp/probes.log" | sort | uniq -c)
probe_count=$(awk '{ n[$2 " " $3]++ } END { for (p in n) { printf "%s%s %d", s, p, n[p]; s = ", " } }' "$tmp/probes.log")
after=()
for entry in "${probes[@]}"; do after+=("$entry: $(probe $entry)"); done
network_page=$(curl -s -b "$tmp/federation26.cookies" "$url/networks/$network")
served_by_c=$(awk -v p="/networks/$network" -v c="127.0.0.1:$port_c" '$3 == p && $6 == "\"" c "\"" && $4 == 200' \
  "$tmp/nginx/logs/access.log" | wc -l)
# what else C, on the replica, can do when asked directly (nginx never sends it these)
c_url="http://127.0.0.1:$port_c"
structure=$(psql_primary -d maillon -c "SELECT id FROM organisation WHERE name = 'La Coopération'")
network_pages=""
for page in summary summary.csv summary.xlsx calendar milestones progress territories "structures/$structure"; do
  network_pages+="$page $(probe federation26 "/networks/$network/$page"), "
done
c_sign_in=$(sign_in admin "$c_url" > /dev/null && echo "$(probe admin /account) for /account afterwards" || echo refused)
c_api=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: $BEARER" "$c_url/api/v1/structures" || true)

echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg), jar $(basename "$jar"))"
echo "answers acknowledged (warm-up and run): $acknowledged to wrk, $proxied by nginx; stored: $stored; lost: $(( proxied > stored ? proxied - stored : 0 ))"
echo "wrk: $(sed -n 's/^ *50% *\(.*\)/p50 \1/p' "$tmp/wrk.log"), $(sed -n 's/^ *99% *\(.*\)/p99 \1/p' "$tmp/wrk.log"), $wrk_errors errors (non-2xx/3xx and socket errors)"
echo "whole run (nginx): $(window "$began" "$ended")"
echo "5 s before the kill (nginx): $(window "$(awk -v k="$killed" 'BEGIN { printf "%.3f", k - 5 }')" "$killed")"
echo "5 s after the kill (nginx): $(window "$killed" "$(awk -v k="$killed" 'BEGIN { printf "%.3f", k + 5 }')")"
echo "requests nginx gave to the other instance: ${retried:-none}; answers cut off by the kill: $cut_off"
echo "session probes (through nginx; per person and page: $probe_count), not 200: $( [ -z "$lost_people" ] && echo none || echo; echo "$lost_people")"
echo "after the run: ${after[*]}"
echo "other network pages of federation26 on C: ${network_pages%, }"
echo "directly on C: sign-in of admin $c_sign_in; API call with a personal token: $c_api"
echo "errors logged: B $(grep -c ' ERROR ' "$tmp/b/run.log" || true), C $(grep -c ' ERROR ' "$tmp/c/run.log" || true)"
echo "network view as federation26 through nginx: $(grep -c 'Fédération des centres sociaux de la Drôme' <<< "$network_page" || true) mentions of the federation; answered 200 by C $served_by_c times"
