#!/usr/bin/env bash
# Discovery benchmark (docs/benchmarks.md): generates an fmf tree of TESTS tests in FILES
# files, times discovery in one JVM (io.drover.bench.DiscoveryBenchmark run), then
# times the command line end to end (`drover discover --json`, `drover fmf dump`) with wall
# time and peak RSS: without the parse cache, with an empty one (the first run on a tree) and
# with a full one (every later run on an unchanged tree).
#
# Environment: TESTS (10000), FILES (1000), ITERATIONS (10, in-process), CLI_RUNS (5),
# BENCH_JAVA_OPTS (extra JVM options for both), KEEP (a new directory to keep the tree in).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tests=${TESTS:-10000}
files=${FILES:-1000}
iterations=${ITERATIONS:-10}
runs=${CLI_RUNS:-5}
context=(-c distro=fedora-41 -c arch=x86_64)
jar="$here/ops/target/drover.jar"

# Build like ./drover does (stale: bench/lib.sh).
source "$here/bench/lib.sh"
if stale; then
    echo "building $jar (mvn package)..." >&2
    (cd "$here" && mvn -B -q package -DskipTests) >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/drover-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# A private copy, so that a rebuild during the run does not change what is measured.
cp "$jar" "$work/drover.jar"
jar="$work/drover.jar"
tree="${KEEP:-$work/tree}"

# Peak RSS: GNU time when available (installed if missing and we may), else VmHWM polling.
if ! /usr/bin/time -f %M true >/dev/null 2>&1 && [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -q time >/dev/null 2>&1 || true
fi
gnu_time=
if /usr/bin/time -f %M true >/dev/null 2>&1; then
    gnu_time=/usr/bin/time
fi

# Runs "$@" with stdout to $out; prints "WALL_MS PEAK_RSS_KB".
out=/dev/null
measure() {
    local start end rss pid value
    start=$(date +%s%N)
    if [[ -n "$gnu_time" ]]; then
        "$gnu_time" -f %M -o "$work/rss" "$@" >"$out"
        rss=$(tail -n 1 "$work/rss")
    else
        "$@" >"$out" &
        pid=$!
        rss=0
        while kill -0 "$pid" 2>/dev/null; do
            value=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
            [[ -n "$value" ]] && rss=$value
            sleep 0.005
        done
        wait "$pid"
    fi
    end=$(date +%s%N)
    echo "$(((end - start) / 1000000)) $rss"
}

# Reads numbers, one a line; prints "median M (min A, max B)".
stats() {
    sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "median %g (min %g, max %g, %d runs)", m, v[1], v[NR], NR }'
}

print_machine
echo "rss:     ${gnu_time:-polling VmHWM in /proc/PID/status}"

echo
echo "== tree"
java -cp "$jar" io.drover.bench.DiscoveryBenchmark generate "$tree" --tests "$tests" --files "$files"

# The parse cache (ParseCache) of every run below lives here, never in ~/.cache.
cache="$work/cache"
export DROVER_FMF_CACHE="$cache"

echo
echo "== in-process, parsing every time (no parse cache): java ${BENCH_JAVA_OPTS:+$BENCH_JAVA_OPTS }-cp drover.jar io.drover.bench.DiscoveryBenchmark run TREE --iterations $iterations"
# shellcheck disable=SC2086
DROVER_FMF_CACHE=off java ${BENCH_JAVA_OPTS:-} -cp "$jar" io.drover.bench.DiscoveryBenchmark run "$tree" --iterations "$iterations" \
    | tee "$work/inprocess.txt"


# Two ways to run the command line: ./drover (its JVM options and class data archive for
# short commands) and plain java -jar with the JVM's defaults; each run of ./drover either
# without the parse cache, with an empty one, or with a full one.
# shellcheck disable=SC2206
launcher=("$here/drover" discover --json "${context[@]}" "$tree")
dump=("$here/drover" fmf dump "${context[@]}" "$tree")
# shellcheck disable=SC2206
plain=(java ${BENCH_JAVA_OPTS:-} -jar "$jar" discover --json "${context[@]}" "$tree")
"$here/drover" --version >/dev/null # builds the launcher's class data archive once

# Cache states: off (DROVER_FMF_CACHE=off), cold (emptied before every run: parse, then
# write the cache), warm (filled by the untimed run, unchanged tree).
end_to_end() { # LABEL FILE CACHE-STATE COMMAND...
    local label=$1 file=$2 state=$3
    shift 3
    echo
    echo "== end to end, $label, parse cache $state: ${*/#$tree/TREE} > /dev/null"
    prepare "$state"
    out="$work/discovered.json"
    measure "$@" >/dev/null # untimed: warms the page cache (and fills the parse cache), checks the output
    if [[ "$1" == "$here/drover" && "$2" == discover ]] && command -v jq >/dev/null; then
        echo "discovered: $(jq -c 'map_values(length)' "$out")"
    fi
    if [[ "$state" == warm && -z "$(ls -A "$cache" 2>/dev/null)" ]]; then
        echo "the parse cache was not written" >&2
        exit 1
    fi
    out=/dev/null
    : >"$file"
    for ((i = 1; i <= runs; i++)); do
        prepare "$state"
        result=$(measure "$@")
        echo "run $i: ${result% *} ms wall, ${result#* } KiB peak RSS"
        echo "$result" >>"$file"
    done
}
prepare() { # CACHE-STATE: sets DROVER_FMF_CACHE for the next command
    case "$1" in
        off) export DROVER_FMF_CACHE=off ;;
        cold) rm -rf "$cache"; export DROVER_FMF_CACHE="$cache" ;;
        warm) export DROVER_FMF_CACHE="$cache" ;;
    esac
}
# A file modified in the last 2 s is parsed but not cached (FileStamp): let the tree settle.
sleep 2
end_to_end "./drover discover" "$work/launcher-off" off "${launcher[@]}"
end_to_end "./drover discover" "$work/launcher-cold" cold "${launcher[@]}"
end_to_end "./drover discover" "$work/launcher-warm" warm "${launcher[@]}"
end_to_end "./drover fmf dump" "$work/dump-off" off "${dump[@]}"
end_to_end "./drover fmf dump" "$work/dump-cold" cold "${dump[@]}"
end_to_end "./drover fmf dump" "$work/dump-warm" warm "${dump[@]}"
end_to_end "java -jar discover, JVM defaults" "$work/plain" off "${plain[@]}"
export DROVER_FMF_CACHE=off

: >"$work/startup"
for ((i = 1; i <= runs; i++)); do
    measure "$here/drover" --version | cut -d ' ' -f 1 >>"$work/startup"
done

# The smallest of these heaps the command line completes with (default: 1/4 of RAM).
min_heap=none
for heap in 64 96 128 160 192 256 384 512; do
    if java -Xmx${heap}m -jar "$jar" discover --json "${context[@]}" "$tree" >/dev/null 2>&1; then
        min_heap="${heap} MiB"
        break
    fi
done

echo
echo "== summary ($tests tests in $files files)"
grep '^SUMMARY' "$work/inprocess.txt" | sed 's/^SUMMARY //'
for variant in launcher-off launcher-cold launcher-warm dump-off dump-cold dump-warm plain; do
    echo "end to end, $variant: wall (ms) $(cut -d ' ' -f 1 "$work/$variant" | stats)"
    echo "end to end, $variant: peak RSS (MiB) $(awk '{ printf "%.0f\n", $2 / 1024 }' "$work/$variant" | stats)"
done
echo "JVM start, ./drover --version (ms): $(stats <"$work/startup")"
echo "smallest -Xmx that completes (of 64..512 MiB): $min_heap"
