#!/usr/bin/env bash
# Farm throughput benchmark (docs/benchmarks.md, "The farm"): TESTS trivial tests on SUTS simulated
# SUTs through a Kafka broker, the coordinator and WORKERS workers, all in one JVM
# (io.drover.bench.FarmBenchmark). Prints tests per second, the time per test and the dispatch
# latency (job ready -> test.started, p50/p99); then runs the same tree with `drover exec` on as many
# simulated SUTs (no Kafka, no coordinator, no worker) and prints the farm's overhead per test: the
# difference of the two times per test, per SUT and per machine.
#
# Environment:
#   TESTS (10000), SUTS (50), WORKERS (1)
#   JAVA_OPTS ("-Xmx1g")   JVM options of the benchmark's JVM
#   KEEP                    a new directory to keep the work files in
#   NO_BUILD (0)            1: use ops/target/drover.jar as it is
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tests=${TESTS:-10000}
suts=${SUTS:-50}
workers=${WORKERS:-1}
jar="${JAR:-$here/ops/target/drover.jar}"

source "$here/bench/lib.sh"
if [[ -z "${JAR:-}" && "${NO_BUILD:-0}" != 1 ]] && stale; then
    echo "building $jar (mvn package)..." >&2
    (cd "$here" && { mvn -o -B -q package -DskipTests || mvn -B -q package -DskipTests; }) >&2
fi
if [[ -n "${KEEP:-}" ]]; then
    work="$KEEP"
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

print_machine
echo "command: TESTS=$tests SUTS=$suts WORKERS=$workers bench/farm.sh"
echo "== result"
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xmx1g} -cp "$jar" io.drover.bench.FarmBenchmark "$work" "$tests" "$suts" "$workers" | tee "$work/farm.out"

# The same tests through drover exec, for the farm's overhead per test.
cd "$work"
exec_line=$(java ${JAVA_OPTS:--Xmx1g} -jar "$jar" exec --sut "sim:$suts" "$work/tree" 2>&1 | grep -E '^drover: [0-9]+ tests in ' || true)
echo "drover exec: ${exec_line#drover: }"
# drover exec prints 13.2s, 9m01s or 1h02m03s
exec_s=$(sed -E 's/^drover: [0-9]+ tests in ([0-9hms.]+):.*/\1/' <<<"$exec_line" \
    | awk '{ t = 0; n = split($0, p, /[hms]/); u = $0; gsub(/[0-9.]/, "", u)
             for (i = 1; i <= length(u); i++) t = t * 60 + p[i]
             print t }')
farm_ms=$(sed -nE 's/.*time per test on a SUT=([0-9.]+)ms.*/\1/p' "$work/farm.out")
awk -v e="$exec_s" -v t="$tests" -v s="$suts" -v f="$farm_ms" 'BEGIN {
    x = e * 1000 * s / t
    printf "drover exec: %.1f tests/s, time per test on a SUT=%.1fms\n", t / e, x
    printf "farm overhead per test on a SUT (farm - exec): %.1fms\n", f - x
    # when the machine is saturated, what counts is its time per test: wall time / tests
    printf "farm overhead in machine time per test (wall / tests, farm - exec): %.1fms\n", f / s - x / s }'
