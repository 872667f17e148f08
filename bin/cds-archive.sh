#!/usr/bin/env bash
# Prepares a faster start (class data sharing): unpacks the built jar into target/app, starts it once
# on a throwaway data directory to list the classes it loads, and dumps them into an archive that
# the JVM maps at start instead of reading and verifying each class.
#   ./mvnw -DskipTests package && bin/cds-archive.sh
#   java -XX:SharedArchiveFile=target/app/maillon.jsa -jar target/app/maillon.jar
# Build the archive on the machine that runs Maillon, with its JDK, after every new jar: the JVM
# ignores an archive made by another JDK or for another jar (it then starts as usual, only slower).
set -euo pipefail
cd "$(dirname "$0")/.."
jars=(target/maillon-*.jar)
if [ "${#jars[@]}" -ne 1 ] || [ ! -f "${jars[0]}" ]; then
  echo "expected exactly one target/maillon-*.jar (run ./mvnw -DskipTests package, after ./mvnw clean)" >&2
  exit 1
fi
jar=${jars[0]}
app=target/app
port=${PORT:-18181}
if curl -s -o /dev/null "http://localhost:$port/"; then
  echo "port $port is taken: choose another with PORT=…" >&2
  exit 1
fi
training=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; fi
  rm -rf "$training"
}
trap cleanup EXIT

rm -rf "$app"
java -Djarmode=tools -jar "$jar" extract --destination "$app" > /dev/null
mv "$app/$(basename "$jar")" "$app/maillon.jar"

echo "training start on a throwaway data directory…"
MAILLON_DATA_DIR="$training/data" MAILLON_PORT=$port \
  java -XX:DumpLoadedClassList="$training/classes.lst" -jar "$app/maillon.jar" > "$training/run.log" 2>&1 &
pid=$!
up=
for _ in $(seq 1 600); do
  if curl -fs "http://localhost:$port/actuator/health" > /dev/null; then up=1; break; fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.2
done
if [ -z "$up" ]; then
  echo "the training start did not answer:" >&2
  tail -n 30 "$training/run.log" >&2
  exit 1
fi
for page in /login /s/unknown /api/v1/exchange/schema; do curl -s -o /dev/null "http://localhost:$port$page" || true; done
kill "$pid"; wait "$pid" || true
pid=

# JDK 17 crashes while archiving lambda proxy classes (SystemDictionaryShared::
# adjust_lambda_proxy_class_dictionary): they are left out, and made at run time as before.
grep -v '^@lambda' "$training/classes.lst" > "$training/classes-archived.lst"
java -Xshare:dump -XX:SharedClassListFile="$training/classes-archived.lst" \
  -XX:SharedArchiveFile="$app/maillon.jsa" -cp "$app/maillon.jar" > "$training/dump.log" 2>&1 \
  || { tail -n 20 "$training/dump.log" >&2; exit 1; }
echo "archive: $app/maillon.jsa ($(du -h "$app/maillon.jsa" | cut -f1)); start Maillon with:"
echo "  java -XX:SharedArchiveFile=$app/maillon.jsa -jar $app/maillon.jar"
