#!/usr/bin/env bash
# Answers: a generated LimeSurvey-like export of 10,000 responses and 646 columns imported through
# the API's service, with the heap capped at 256 MB.
# Usage: bench/answers-import.sh   (figures in target/bench-answers-import.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q test -Dtest=AnswersImportBenchmark -Dmaillon.bench=answers-import -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx256m" -Dlogging.level.fr.maillon.importing.AnswerImporter=DEBUG | grep -E '^\[bench\]|Answers of survey' || true
cat target/bench-answers-import.txt
