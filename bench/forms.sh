#!/usr/bin/env bash
# Questionnaires: a generated XLSForm of 1,000 questions uploaded and previewed (as the import page
# does), then imported into a survey, with the heap capped at 256 MB.
# Usage: bench/forms.sh   (figures in target/bench-forms.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q test -Dtest=FormsBenchmark -Dmaillon.bench=forms -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx256m" | grep '^\[bench\]' || true
cat target/bench-forms.txt
