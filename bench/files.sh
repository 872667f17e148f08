#!/usr/bin/env bash
# Files: the demo's CAF report as PDF (warm), a 100,000-row CSV of values imported, and the same
# values exported as XLSX, with the
# heap capped at 256 MB. Usage: bench/files.sh   (figures in target/bench-files.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q test -Dtest=FilesBenchmark -Dmaillon.bench=files -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx256m" | grep '^\[bench\]' || true
cat target/bench-files.txt
