#!/usr/bin/env bash
# "Many tests at once" memory benchmark (docs/benchmarks.md): N tests running at the same time
# through one worker JVM (io.drover.bench.ExecBenchmark), one per simulated SUT; the SUTs live
# in a second JVM (io.drover.bench.SimFarmMain), so their SSH servers and process relays are not
# counted. Prints heap, RSS and threads per connected SUT and per running test.
#
# Environment:
#   N (200)                 tests running at once, and SUTs in the farm
#   LINES (70), SLEEP (0.5) each test prints LINES lines, SLEEP seconds apart (~35 s)
#   SAMPLES (4), INTERVAL (3) measurements while all N run, INTERVAL seconds apart
#   CONNECT_THREADS (8)     threads connecting to the SUTs and opening their workspaces
#   BLOCKING_THREADS (0)    the executions' executor: 0 is a cached pool, as drover exec has it
#   STAGGER_MS (0)          pause between two start() calls (0: all at once)
#   VARIANTS                JVM options of the measured JVM, one run each, separated by '|';
#                           "defaults" is no options (default: the three below: a small heap with
#                           the serial collector; the same heap committed and touched up front, so
#                           that RSS changes are native memory only; the JVM's defaults)
#   FARM_JAVA_OPTS          JVM options of the farm's JVM
#   DIAG (0)                1: one more run of the first variant with -XX:NativeMemoryTracking=summary
#                           and --diagnostics (heap histogram diff, native memory diff, threads)
#   KEEP                    a new directory to keep the work files in (farm, trees, artifacts)
#   NO_BUILD (0)            1: use ops/target/drover.jar as it is
#   JAR                     use this jar (implies NO_BUILD), e.g. a copy kept to compare runs
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=${N:-200}
lines=${LINES:-70}
sleep_s=${SLEEP:-0.5}
samples=${SAMPLES:-4}
interval=${INTERVAL:-3}
connect_threads=${CONNECT_THREADS:-8}
blocking_threads=${BLOCKING_THREADS:-0}
stagger_ms=${STAGGER_MS:-0}
variants=${VARIANTS:-"-Xmx256m -XX:+UseSerialGC|-Xms256m -Xmx256m -XX:+UseSerialGC -XX:+AlwaysPreTouch|defaults"}
jar="${JAR:-$here/ops/target/drover.jar}"

source "$here/bench/lib.sh"
if [[ -z "${JAR:-}" && "${NO_BUILD:-0}" != 1 ]] && stale; then
    echo "building $jar (mvn package)..." >&2
    (cd "$here" && { mvn -o -B -q package -DskipTests || mvn -B -q package -DskipTests; }) >&2
fi
[[ -f "$jar" ]] || { echo "no $jar" >&2; exit 1; }

if [[ -n "${KEEP:-}" ]]; then
    mkdir "$KEEP"
    work="$(cd "$KEEP" && pwd)"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/drover-exec-bench.XXXXXX")"
fi
farm_dir="$work/farm"
farm_pid=
bench_pid=

# Stops what this script started, by pid: the benchmark, then the farm (SIGTERM runs its shutdown
# hooks, which kill every process of its SUTs), and, should the farm have died without doing so,
# the SUT processes left behind (found by the farm's directory in their environment).
cleanup() {
    local rc=$? pid i
    trap - EXIT INT TERM
    if [[ -n "$bench_pid" ]] && kill -0 "$bench_pid" 2>/dev/null; then
        kill "$bench_pid" 2>/dev/null || true
        wait "$bench_pid" 2>/dev/null || true
    fi
    if [[ -n "$farm_pid" ]] && kill -0 "$farm_pid" 2>/dev/null; then
        kill "$farm_pid" 2>/dev/null || true
        for ((i = 0; i < 150; i++)); do
            kill -0 "$farm_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$farm_pid" 2>/dev/null || true
        wait "$farm_pid" 2>/dev/null || true
    fi
    for pid in $(grep -l -s -F -a "DROVER_WORK_ROOT=$farm_dir/" /proc/[0-9]*/environ 2>/dev/null \
        | sed 's|/proc/\([0-9]*\)/environ|\1|'); do
        kill -9 "$pid" 2>/dev/null || true
    done
    if [[ -z "${KEEP:-}" ]]; then
        rm -rf "$work"
    else
        echo "work files kept in $work" >&2
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A private copy, so that a rebuild during the run does not change what is measured.
cp "$jar" "$work/drover.jar"
jar="$work/drover.jar"

print_machine
echo "limits:  open files $(ulimit -n), processes $(ulimit -u)"

echo
echo "== farm: java ${FARM_JAVA_OPTS:+$FARM_JAVA_OPTS }-cp drover.jar io.drover.bench.SimFarmMain $n FARM"
# shellcheck disable=SC2086
java ${FARM_JAVA_OPTS:-} -cp "$jar" io.drover.bench.SimFarmMain "$n" "$farm_dir" >"$work/farm.log" 2>&1 &
farm_pid=$!
for ((i = 0; i < 1200; i++)); do
    [[ -f "$farm_dir/ready" ]] && break
    if ! kill -0 "$farm_pid" 2>/dev/null; then
        echo "the farm exited:" >&2
        cat "$work/farm.log" >&2
        exit 1
    fi
    sleep 0.1
done
[[ -f "$farm_dir/ready" ]] || { echo "the farm was not ready within 120 s" >&2; cat "$work/farm.log" >&2; exit 1; }
head -n 1 "$work/farm.log"

# CPU seconds (user + system) of a process so far, from /proc/PID/stat.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$1/stat"
}
status_field() { # PID FIELD: a /proc/PID/status field's value
    awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

run_variant() { # LABEL DIAG JVM-OPTIONS...
    local label=$1 diag=$2 rc=0 farm_cpu0 farm_cpu1 dir
    shift 2
    dir="$work/run-$label"
    mkdir -p "$dir"
    echo
    echo "== run $label: java $* -cp drover.jar io.drover.bench.ExecBenchmark --farm FARM --work DIR" \
        "--tests $n --lines $lines --sleep $sleep_s --samples $samples --interval $interval" \
        "--connect-threads $connect_threads --blocking-threads $blocking_threads --stagger-ms $stagger_ms" \
        "${diag:+--diagnostics true}"
    farm_cpu0=$(cpu_seconds "$farm_pid")
    java "$@" -cp "$jar" io.drover.bench.ExecBenchmark --farm "$farm_dir" --work "$dir" --tests "$n" \
        --lines "$lines" --sleep "$sleep_s" --samples "$samples" --interval "$interval" \
        --connect-threads "$connect_threads" --blocking-threads "$blocking_threads" --stagger-ms "$stagger_ms" \
        ${diag:+--diagnostics true} >"$dir/out.txt" 2>&1 &
    bench_pid=$!
    wait "$bench_pid" || rc=$?
    bench_pid=
    farm_cpu1=$(cpu_seconds "$farm_pid")
    cat "$dir/out.txt"
    echo "farm JVM (SUT side): $(awk -v a="$farm_cpu0" -v b="$farm_cpu1" 'BEGIN { printf "%.1f", b - a }') s CPU during this run;" \
        "peak RSS so far $(($(status_field "$farm_pid" VmHWM) / 1024)) MiB, $(status_field "$farm_pid" Threads) threads now"
    echo "exit code: $rc"
    [[ $rc -eq 0 ]] || failed=1
    {
        printf '%s: ' "$label (${*:-JVM defaults})"
        grep '^RESULT' "$dir/out.txt" | sed 's/^RESULT //' || echo "no result"
        grep -e '^failures:' -e '^WARNING' -e '^ *[0-9]* x ' "$dir/out.txt" || true
    } >>"$work/summary"
    return 0
}

: >"$work/summary"
failed=0
IFS='|' read -r -a variant_list <<<"$variants"
k=0
for variant in "${variant_list[@]}"; do
    k=$((k + 1))
    read -r -a opts <<<"$variant"
    [[ "${opts[*]:-}" == defaults ]] && opts=()
    run_variant "$k" "" "${opts[@]}"
done
if [[ "${DIAG:-0}" == 1 ]]; then
    read -r -a opts <<<"${variant_list[0]}"
    [[ "${opts[*]:-}" == defaults ]] && opts=()
    run_variant diag 1 "${opts[@]}" -XX:NativeMemoryTracking=summary
fi

echo
echo "== summary ($n tests at once, $lines lines $sleep_s s apart)"
cat "$work/summary"
exit "$failed" # 1 when a run failed: a test did not pass, or the benchmark could not run
