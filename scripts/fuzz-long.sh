#!/usr/bin/env bash
# The codec fuzz test's long mode (not in CI): FoscFuzzTest with many more seeded cases than CI's 400 per
# property. Default: 2,500,000 cases for each of the four random properties (random bytes, well-formed
# frames, mutated streams, mutated streams cut two ways) = 10^7 inputs.
#
#   scripts/fuzz-long.sh [cases-per-property] [max-minutes-per-property]
#
# The second argument bounds each property's time (on a shared machine); the cases actually run are
# printed per property ("fuzz <property> N cases in T ms") and in fosc-codec/target/fuzz-long.log.
# A failure names its seed; replay it with -Dfosc.fuzz.seed=SEED. Write the result in RELIABILITY.md.
# FUZZ_TEST=FoscFuzzTest#method runs one property only (e.g. to finish one that hit the time bound).
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-2500000}
minutes=${2:-}
args=(-Dfosc.fuzz.cases="$cases")
[ -n "$minutes" ] && args+=(-Dfosc.fuzz.maxMillis=$((minutes * 60000)))
mkdir -p fosc-codec/target
start=$(date +%s)
echo "fuzz-long: $cases cases per property${minutes:+, at most $minutes min each}; started $(date -u '+%F %T') UTC on $(nproc) cores"
set +e
mvn -B -ntp -pl fosc-codec -am verify -DskipITs -Dtest="${FUZZ_TEST:-FoscFuzzTest}" -Dsurefire.failIfNoSpecifiedTests=false \
  "${args[@]}" > fosc-codec/target/fuzz-long.log 2>&1
rc=$?
set -e
report=fosc-codec/target/surefire-reports/TEST-dev.fosc.codec.FoscFuzzTest.xml
lines=$(grep -oE 'fuzz [a-z]+ +[0-9,]+ cases in [0-9,]+ ms[^&<]*' "$report" 2>/dev/null || true)
echo "$lines"
grep -E 'Tests run:.*FoscFuzzTest|BUILD' fosc-codec/target/fuzz-long.log || true
total=$(echo "$lines" | sed -nE 's/^fuzz +[a-z]+ +([0-9,]+) cases.*/\1/p' | tr -d , | awk '{s += $1} END {print s + 0}')
echo "fuzz-long: $total inputs in $(( $(date +%s) - start )) s; exit $rc"
exit $rc
