#!/bin/bash
# Starts fosc-loadgen, runs FleetBenchmark --connect against it (with --server-pid, so the JSON has the
# loadgen's CPU per window), stops the loadgen and keeps its output next to the JSON.
#
#   benchmarks/loadgen/run.sh OUT.json "LOADGEN OPTIONS" FLEET OPTIONS...
#   benchmarks/loadgen/run.sh /tmp/a.json "--frame-bytes 600 --threads 2" --cameras 1 --clients fosc,raw,nio
#
# Run from the repository root after benchmarks/loadgen/build.sh and
# mvn -B -ntp -o -q -pl benchmarks -am package -DskipTests. The loadgen's progress and final STATS line go to
# OUT.json.loadgen.log.
set -euo pipefail
out=$1
loadgen_opts=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$here/fosc-loadgen" ] || "$here/build.sh"
log=$out.loadgen.log
fifo=$(mktemp -u /tmp/fosc-loadgen-in.XXXXXX)
mkfifo "$fifo"
# shellcheck disable=SC2086
"$here/fosc-loadgen" $loadgen_opts --report ${LOADGEN_REPORT:-5} < "$fifo" > "$log" 2>&1 &
lg=$!
exec 3> "$fifo" # keeps the loadgen's standard input open; STOP goes through it
rm -f "$fifo"
stop() {
    echo STOP >&3 || true
    wait "$lg" || true
}
trap stop EXIT
for _ in $(seq 100); do
    grep -q '^PORTS' "$log" 2>/dev/null && break
    sleep 0.05
done
port=$(awk '/^PORTS/ {print $2; exit}' "$log")
[ -n "$port" ] || { echo "fosc-loadgen did not start:" >&2; cat "$log" >&2; exit 1; }
echo "fosc-loadgen pid $lg on port $port ($loadgen_opts)" >&2
java -cp "$here/../target/benchmarks.jar" dev.fosc.benchmarks.fleet.FleetBenchmark \
    --connect "127.0.0.1:$port" --server-pid "$lg" "$@" > "$out"
