#!/usr/bin/env python3
"""Building one big document into a graph file and a store (prints a table; not a test).

Writes one document per size and kind (``bench_extract.py --write``: real prose, or the
same with every punctuation mark and space removed, ``unpunct``), then runs whole
``coopgraph build`` processes on it: ``-o g.trig`` and ``--store``, with ``--jobs 1`` and
``--jobs 2`` (with two, a document beyond ``graph.pipeline.CHUNK_CHARS`` characters has
its chunks extracted by two worker processes). Prints wall and CPU seconds (all processes), CPU
seconds per MB and the peak RSS of the largest process. Quote CPU seconds on a shared
machine: wall time is the load.

    python benchmarks/bench_bigdoc.py               # 10 MB
    python benchmarks/bench_bigdoc.py --sizes 10,50 --jobs 2
    python benchmarks/bench_bigdoc.py --sizes 10,50 --kinds prose,unpunct
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import timed  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10", help="document sizes in MB (default 10)")
    ap.add_argument("--jobs", default="1,2", help="worker counts (default 1,2)")
    ap.add_argument("--targets", default="trig,store", help="trig, store or both")
    ap.add_argument("--kinds", default="prose", help="prose, unpunct or both")
    args = ap.parse_args()
    exe = shutil.which("coopgraph") or sys.exit("coopgraph is not installed")
    print(f"{'kind':>8} {'document':>8} {'target':>6} {'jobs':>4} {'wall s':>7} {'cpu s':>7} "
          f"{'cpu-s/MB':>8} {'peak RSS MB':>11}")
    for kind, mb in ((k, float(x)) for k in args.kinds.split(",")
                     for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in"
            src.mkdir()
            subprocess.run([sys.executable, str(HERE / "bench_extract.py"), "--write",
                            str(mb), str(src / "doc.txt"), "--kind", kind], check=True,
                           stdout=subprocess.DEVNULL)
            for target in args.targets.split(","):
                for jobs in args.jobs.split(","):
                    out = (["-o", str(Path(tmp) / "g.trig")] if target == "trig"
                           else ["--store", str(Path(tmp) / f"kg{jobs}")])
                    wall, cpu, rss = timed(exe, "build", str(src), *out, "-q", "-j", jobs,
                                           "--max-doc-mb", "0")
                    print(f"{kind:>8} {mb:6.0f}MB {target:>6} {jobs:>4} {wall:7.1f} {cpu:7.1f} "
                          f"{cpu / mb:8.2f} {rss:11.0f}", flush=True)


if __name__ == "__main__":
    main()
