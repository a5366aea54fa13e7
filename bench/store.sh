#!/usr/bin/env bash
# Result store benchmark (docs/benchmarks.md, "The result store"): EVENTS events published to an embedded Kafka
# broker (runs of 1,000 tests, each with a start, 8 results, an end and a verdict), then stored into an embedded
# PostgreSQL by a store in a JVM of its own (io.drover.bench.StoreBenchmark). Prints, every 10 s, the events stored,
# the rate and the store's heap after the last GC; then events per second overall and the heap's range.
#
# Environment:
#   EVENTS (10000000)
#   STORES (2)                stores in the store's JVM (drover store --threads)
#   STORE_OPTS ("-Xmx256m")   JVM options of the store's JVM
#   NO_BUILD (0)              1: use ops/target/drover.jar as it is
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events=${EVENTS:-10000000}
jar="${JAR:-$here/ops/target/drover.jar}"

source "$here/bench/lib.sh"
if [[ -z "${JAR:-}" && "${NO_BUILD:-0}" != 1 ]] && stale; then
    echo "building $jar (mvn package)..." >&2
    (cd "$here" && { mvn -o -B -q package -DskipTests || mvn -B -q package -DskipTests; }) >&2
fi
work=$(mktemp -d)
coproc SERVE { java -Xmx1g -cp "$jar" io.drover.bench.StoreBenchmark serve "$work" "$events" 2>"$work/serve.log"; }
trap 'exec {SERVE[1]}>&-; wait; rm -rf "$work"' EXIT

print_machine
echo "command: EVENTS=$events STORES=${STORES:-2} bench/store.sh"
echo "== result"
while read -r line <&"${SERVE[0]}"; do
    echo "$line"
    if [[ "$line" == ready* ]]; then
        read -r _ bootstrap url <<<"$line"
        break
    fi
done
# shellcheck disable=SC2086
java ${STORE_OPTS:--Xmx256m} -Ddrover.stores="${STORES:-2}" -cp "$jar" io.drover.bench.StoreBenchmark store \
    "$bootstrap" "$url" "$events"
