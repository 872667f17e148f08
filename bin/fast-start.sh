#!/usr/bin/env bash
# Prepares a faster start: unpacks the built jar into target/app, starts it once on a throwaway data
# directory (a training run: start, a few pages, stop), and keeps what the JVM learnt there:
#   - on Java 25 or later, an ahead-of-time cache (JEP 483, 514, 515): the classes loaded and linked,
#     and the methods' profiles, mapped at start;
#   - on Java 17 to 24, a class-data-sharing archive of the classes loaded.
#   ./mvnw -DskipTests package && bin/fast-start.sh          (JAVA=... to choose the JDK)
# then start Maillon with the command it prints. Build it again on the machine that runs Maillon,
# with its JDK, after every new jar: the JVM ignores a cache made by another JDK or for another jar
# (it then starts as usual, only slower).
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA:-java}
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
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
training=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; fi
  rm -rf "$training"
}
trap cleanup EXIT

rm -rf "$app"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$app" > /dev/null
mv "$app/$(basename "$jar")" "$app/maillon.jar"

if [ "$version" -ge 25 ]; then
  record=(-XX:AOTCacheOutput="$app/maillon.aot")
  use="-XX:AOTCache=$app/maillon.aot"
else
  record=(-XX:DumpLoadedClassList="$training/classes.lst")
  use="-XX:SharedArchiveFile=$app/maillon.jsa"
fi
echo "training run on a throwaway data directory (Java $version)…"
MAILLON_DATA_DIR="$training/data" MAILLON_PORT=$port \
  "$java" "${record[@]}" -jar "$app/maillon.jar" > "$training/run.log" 2>&1 &
pid=$!
up=
for _ in $(seq 1 600); do
  if curl -fs "http://localhost:$port/actuator/health" > /dev/null; then up=1; break; fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.2
done
if [ -z "$up" ]; then
  echo "the training run did not answer:" >&2
  tail -n 30 "$training/run.log" >&2
  exit 1
fi
for page in /login /s/unknown /api/v1/exchange/schema; do curl -s -o /dev/null "http://localhost:$port$page" || true; done
kill "$pid"; wait "$pid" || true   # on Java 25, the cache is written as the JVM exits
pid=

if [ "$version" -lt 25 ]; then
  # JDK 17 crashes while archiving lambda proxy classes (SystemDictionaryShared::
  # adjust_lambda_proxy_class_dictionary): they are left out, and made at run time as before.
  grep -v '^@lambda' "$training/classes.lst" > "$training/classes-archived.lst"
  "$java" -Xshare:dump -XX:SharedClassListFile="$training/classes-archived.lst" \
    -XX:SharedArchiveFile="$app/maillon.jsa" -cp "$app/maillon.jar" > "$training/dump.log" 2>&1 \
    || { tail -n 20 "$training/dump.log" >&2; exit 1; }
fi
cache=${use#*=}
if [ ! -s "$cache" ]; then
  echo "no cache was written:" >&2
  tail -n 20 "$training/run.log" >&2
  exit 1
fi
echo "$cache ($(du -h "$cache" | cut -f1)); start Maillon with:"
echo "  $java $use -jar $app/maillon.jar"
