#!/usr/bin/env bash
# Reports: the demo's CAF file and the CAF file of a 200-node chain, drawn from the model and
# printed as PDF, warm, with the heap capped at 256 MB. Usage: bench/reports.sh
# (figures in target/bench-reports.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q test -Dtest=ReportBenchmark -Dmaillon.bench=reports -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx256m" | grep '^\[bench\]' || true
cat target/bench-reports.txt
