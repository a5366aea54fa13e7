#!/usr/bin/env bash
# Compares Drover with Python fmf on the discovery benchmark's tree (docs/benchmarks.md):
# wall time and peak RSS of loading and adjusting the tree, then a differential check that
# `drover fmf dump` gives exactly Python fmf's data for every node, adjusted and not.
# Needs Python 3 with an importable fmf (pip install fmf==1.7.0, or PYTHONPATH) and GNU time;
# without Python fmf it times Drover alone.
# Environment: RUNS (5), PYTHON (python3), TREE (a directory to generate the tree into, default a temp dir).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${RUNS:-5}
python=${PYTHON:-python3}
work="$(mktemp -d "${TMPDIR:-/tmp}/drover-pyfmf.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tree="${TREE:-$work/tree}"
context=(-c distro=fedora-41 -c arch=x86_64)

# Without Python fmf (it cannot always be installed), only Drover is timed: compare with the
# recorded Python numbers in docs/benchmarks.md.
have_python=yes
if ! "$python" -c "import fmf" 2>/dev/null; then
    echo "python-fmf: Python fmf is not importable (pip install fmf==1.7.0): timing Drover only" >&2
    have_python=
fi
"$here/drover" --version >/dev/null
[[ -d "$tree" ]] || java -cp "$here/ops/target/drover.jar" io.drover.bench.DiscoveryBenchmark generate "$tree"
sleep 2 # files modified in the last 2 s are not cached (FileStamp)

# Drover's parse cache, private to this run: "cold" empties it before a run (the first run on
# a tree), "warm" keeps what the previous run wrote (every later run on an unchanged tree).
cache="$work/cache"
drover() { # CACHE-STATE ARGS...: prints "wall_s peak_rss_kib"
    local state=$1
    shift
    [[ "$state" == cold ]] && rm -rf "$cache"
    { DROVER_FMF_CACHE="$cache" /usr/bin/time -f "%e %M" "$here/drover" "$@" "${context[@]}" "$tree" >/dev/null; } 2>&1 | tail -n 1
}
drover warm fmf dump >/dev/null # fills the cache

echo "== $runs fresh processes each, interleaved (wall s, peak RSS KiB)"
declare -A walls # what -> "wall wall ..."
record() { # WHAT "WALL RSS": prints it, keeps the wall time for the medians
    walls[$1]+="${2%% *} "
    echo -n " $1 $2 |"
}
for ((i = 1; i <= runs; i++)); do
    echo -n "run $i:"
    if [[ -n "$have_python" ]]; then
        record "python-load-adjust" "$( { /usr/bin/time -f "%e %M" "$python" "$here/bench/python_fmf.py" time "$tree" >"$work/py.out"; } 2>&1 | tail -n 1)"
        echo -n " (load, adjust s: $(cut -d ' ' -f 1-2 "$work/py.out")) |"
        # the same task as `drover fmf dump -c`: load, adjust, and write every node's data as JSON
        record "python-dump" "$( { /usr/bin/time -f "%e %M" "$python" "$here/bench/python_fmf.py" dump "$tree" >/dev/null; } 2>&1 | tail -n 1)"
    fi
    record "dump-cold" "$(drover cold fmf dump)"
    record "dump-warm" "$(drover warm fmf dump)"
    record "dump-compact-warm" "$(drover warm fmf dump --compact)"
    record "discover-cold" "$(drover cold discover --json)"
    record "discover-warm" "$(drover warm discover --json)"
    echo
done
echo "== medians (s)"
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for what in python-load-adjust python-dump dump-cold dump-warm dump-compact-warm discover-cold discover-warm; do
    [[ -n "${walls[$what]:-}" ]] && echo "$what $(median "${walls[$what]}")"
done
[[ -n "$have_python" ]] || exit 0

export DROVER_FMF_CACHE="$cache"
echo "== differential check"
"$python" "$here/bench/python_fmf.py" dump "$tree" >"$work/py-adjusted.json"
"$here/drover" fmf dump "${context[@]}" "$tree" >"$work/drover-adjusted.json"
"$python" "$here/bench/python_fmf.py" compare "$work/py-adjusted.json" "$work/drover-adjusted.json"
"$python" "$here/bench/python_fmf.py" plain "$tree" >"$work/py-plain.json"
"$here/drover" fmf dump "$tree" >"$work/drover-plain.json"
"$python" "$here/bench/python_fmf.py" compare "$work/py-plain.json" "$work/drover-plain.json"
