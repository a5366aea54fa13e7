#!/usr/bin/env python3
"""The Python fmf side of bench/python-fmf.sh: needs an importable fmf (pip install fmf==1.7.0).

python_fmf.py time DIR     load the tree, adjust it as tmt does; print "load_s adjust_s leaves"
python_fmf.py dump DIR     like `drover fmf dump -c distro=fedora-41 -c arch=x86_64 DIR`
python_fmf.py plain DIR    like `drover fmf dump DIR` (no adjust)
python_fmf.py compare A B  compare two dumps: leaves, node names, node data (types count)
"""
import inspect
import json
import sys
import time


def adjust(tree):
    import fmf.context
    context = fmf.context.Context(distro="fedora-41", arch="x86_64")
    if "case_sensitive" in inspect.signature(tree.adjust).parameters:
        tree.adjust(context, case_sensitive=False)
    else:  # later fmf moved case sensitivity to a class attribute
        fmf.context.DefaultContextDimension.case_sensitive = False
        tree.adjust(context)


def dump(tree):
    return {"leaves": [n.name for n in tree.climb()],
            "nodes": {n.name: n.data for n in tree.climb(whole=True)}}


def typed(value):
    """JSON values with their Python type, so that 1, 1.0 and true differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def main(mode, *args):
    if mode == "compare":
        a, b = (json.load(open(path)) for path in args)
        print("leaves equal:", a["leaves"] == b["leaves"], len(a["leaves"]), len(b["leaves"]))
        print("node names equal:", list(a["nodes"]) == list(b["nodes"]), len(a["nodes"]), len(b["nodes"]))
        differ = [n for n in a["nodes"] if typed(a["nodes"][n]) != typed(b["nodes"].get(n))]
        print("nodes whose data differ:", len(differ), differ[:5])
        return 0 if not differ and a["leaves"] == b["leaves"] else 1
    import fmf
    start = time.perf_counter()
    tree = fmf.Tree(args[0])
    loaded = time.perf_counter()
    if mode in ("time", "dump"):
        adjust(tree)
    adjusted = time.perf_counter()
    if mode == "time":
        print(f"{loaded - start:.3f} {adjusted - loaded:.3f} {len(list(tree.climb()))}")
    else:
        sys.stdout.write(json.dumps(dump(tree), default=str))  # one shot: the C encoder
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
