#!/bin/sh
# The soak run of issue 8 (not in CI): N fake cameras streaming to one FoscClient for a long time, with the
# faults of FoscFaultScheduleIT at random; one JSON line per sample (heap, heap after GC, direct memory,
# buffered bytes, cameras streaming, failed sessions, logins, faults). See RELIABILITY.md.
#
#   benchmarks/soak/soak.sh [--cameras 1000] [--duration 60m] [--sample 60s] [--fault-every 5m] [--seed 8]
#
# Builds the benchmarks jar from the reactor (no install) unless SOAK_NO_BUILD=1, then runs
# dev.fosc.benchmarks.soak.FoscSoak with -Xmx1g (SOAK_JAVA_OPTS to change). Output: stdout (JSON lines);
# warnings: stderr.
set -eu
cd "$(dirname "$0")/../.."
if [ "${SOAK_NO_BUILD:-0}" != 1 ]; then
  mvn -B -ntp -o -q -pl benchmarks -am package -DskipTests
fi
exec java ${SOAK_JAVA_OPTS:--Xmx1g -XX:MaxDirectMemorySize=1g} -cp benchmarks/target/benchmarks.jar \
  dev.fosc.benchmarks.soak.FoscSoak "$@"
