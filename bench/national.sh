#!/usr/bin/env bash
# The network benchmark: fills a fresh embedded database with a national dataset
# (bench/national-dataset.sql: 3,000 structures, 40 shared indicators each over 16 quarters, a
# million survey answers), computes the network results, then times the territory aggregates of a
# départemental and a regional federation beside the bare SQL aggregate. The first run takes about
# five minutes (the database stays in target/bench-data; later runs reuse it; delete it to start over).
# Usage: bench/national.sh [-Dmaillon.bench.data=DIR]   (figures in target/bench-national.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q test -Dtest=NationalBenchmark -Dmaillon.bench=national -Dsurefire.failIfNoSpecifiedTests=false "$@" \
  | grep '^\[bench\]' || true
cat target/bench-national.txt
