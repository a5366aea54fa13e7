#!/usr/bin/env bash
# Compares Drover with Python fmf on the discovery benchmark's tree (docs/benchmarks.md):
# wall time and peak RSS of loading and adjusting the tree, then a differential check that
# `drover fmf dump` gives exactly Python fmf's data for every node, adjusted and not.
# Needs Python 3 with an importable fmf (pip install fmf==1.7.0, or PYTHONPATH) and GNU time.
# Environment: RUNS (5), PYTHON (python3), TREE (a directory to generate the tree into, default a temp dir).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${RUNS:-5}
python=${PYTHON:-python3}
work="$(mktemp -d "${TMPDIR:-/tmp}/drover-pyfmf.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tree="${TREE:-$work/tree}"
context=(-c distro=fedora-41 -c arch=x86_64)

"$python" -c "import fmf" || { echo "python-fmf: Python fmf is not importable (pip install fmf==1.7.0)" >&2; exit 1; }
"$here/drover" --version >/dev/null
[[ -d "$tree" ]] || java -cp "$here/ops/target/drover.jar" io.drover.bench.DiscoveryBenchmark generate "$tree"

echo "== load + adjust, $runs fresh processes each, interleaved (wall s, peak RSS KiB)"
for ((i = 1; i <= runs; i++)); do
    py=$( { /usr/bin/time -f "%e %M" "$python" "$here/bench/python_fmf.py" time "$tree" >"$work/py.out"; } 2>&1 | tail -n 1)
    dr=$( { /usr/bin/time -f "%e %M" "$here/drover" fmf dump "${context[@]}" "$tree" >/dev/null; } 2>&1 | tail -n 1)
    ds=$( { /usr/bin/time -f "%e %M" "$here/drover" discover --json "${context[@]}" "$tree" >/dev/null; } 2>&1 | tail -n 1)
    echo "run $i: python fmf $py (load, adjust s: $(cut -d ' ' -f 1-2 "$work/py.out")) | drover fmf dump -c $dr | drover discover $ds"
done

echo "== differential check"
"$python" "$here/bench/python_fmf.py" dump "$tree" >"$work/py-adjusted.json"
"$here/drover" fmf dump "${context[@]}" "$tree" >"$work/drover-adjusted.json"
"$python" "$here/bench/python_fmf.py" compare "$work/py-adjusted.json" "$work/drover-adjusted.json"
"$python" "$here/bench/python_fmf.py" plain "$tree" >"$work/py-plain.json"
"$here/drover" fmf dump "$tree" >"$work/drover-plain.json"
"$python" "$here/bench/python_fmf.py" compare "$work/py-plain.json" "$work/drover-plain.json"
